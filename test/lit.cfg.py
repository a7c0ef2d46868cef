# lit configuration for snnc: FileCheck tests of the dialects, passes and the
# snnc driver.
import os

import lit.formats
from lit.llvm import llvm_config

config.name = "SNNC"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.excludes = ["Inputs", "CMakeLists.txt", "README.md", "lit.cfg.py",
                   "lit.site.cfg.py", "unit", "lit", "tools"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.snnc_obj_root, "test")

# Must precede use_default_substitutions(), which maps %python to lit's own
# interpreter (that one may not see Debian's python3 packages).
config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(("%snnc_src", config.snnc_src_root))
config.substitutions.append(
    ("%examples", os.path.join(config.snnc_src_root, "examples")))
config.substitutions.append(
    ("%expect-exit", config.python_executable + " " +
     os.path.join(config.snnc_src_root, "test", "lit", "expect-exit.py")))

# The report's browser test needs Debian's chromium (scripts/setup.sh installs
# it); without it the test is UNSUPPORTED rather than failing.
if os.path.exists("/usr/bin/chromium"):
    config.available_features.add("chromium")

llvm_config.with_system_environment(["HOME", "TMP", "TEMP"])
llvm_config.use_default_substitutions()
llvm_config.add_tool_substitutions(
    ["snn-opt", "snnc", "snnc-compare"], [config.snnc_tools_dir])
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
