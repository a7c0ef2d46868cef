//===- FileTest.cpp - atomic writes leave a whole file or nothing ---------===//

#include "snnc/Image/File.h"
#include "snnc/Image/Format.h"

#include "TestImage.h"

#include <gtest/gtest.h>

#include <csignal>
#include <cstdlib>
#include <dirent.h>
#include <fstream>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace snnc::image;
using snnc::image::test::makeSmallImage;

namespace {
/// A fresh empty directory, removed with its contents afterwards.
class FileTest : public ::testing::Test {
protected:
  void SetUp() override {
    std::string pattern = ::testing::TempDir() + "snnc-image-XXXXXX";
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    for (const std::string &name : entries())
      std::remove((dir_ + "/" + name).c_str());
    rmdir((dir_ + "/sub").c_str());
    rmdir(dir_.c_str());
  }

  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    if (DIR *d = opendir(dir_.c_str())) {
      while (dirent *e = readdir(d))
        if (std::string(e->d_name) != "." && std::string(e->d_name) != "..")
          names.push_back(e->d_name);
      closedir(d);
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  std::string path(const std::string &name) const { return dir_ + "/" + name; }

  std::string dir_;
};

std::vector<uint8_t> contents(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

TEST_F(FileTest, WritesTheEncodedBytesAndNothingElse) {
  const Image img = makeSmallImage();
  ASSERT_FALSE(writeImageFile(img, path("model.img")).failed());
  EXPECT_EQ(entries(), std::vector<std::string>{"model.img"});
  EXPECT_EQ(contents(path("model.img")), *encodeImage(img));
  FileInfo info;
  Expected<Image> back = readImageFile(path("model.img"), &info);
  ASSERT_TRUE(bool(back)) << back.error().message();
  EXPECT_TRUE(*back == img);
  EXPECT_EQ(info.size, contents(path("model.img")).size());
}

TEST_F(FileTest, ReplacesAnExistingFile) {
  { std::ofstream(path("model.img")) << "old"; }
  ASSERT_FALSE(writeImageFile(makeSmallImage(), path("model.img")).failed());
  EXPECT_EQ(entries(), std::vector<std::string>{"model.img"});
  EXPECT_TRUE(bool(readImageFile(path("model.img"))));
}

TEST_F(FileTest, InvalidImageWritesNothing) {
  Image img = makeSmallImage();
  img.header.maxSteps = 0;
  const Error e = writeImageFile(img, path("model.img"));
  EXPECT_EQ(e.message(), "header: max steps must be at least 1");
  EXPECT_TRUE(entries().empty());
}

TEST_F(FileTest, MissingDirectoryFails) {
  const Error e = writeFileAtomic(path("no/such/dir/x.img"), {1, 2, 3});
  ASSERT_TRUE(e.failed());
  EXPECT_NE(e.message().find("cannot create a temporary file"),
            std::string::npos)
      << e.message();
  EXPECT_TRUE(entries().empty());
}

TEST_F(FileTest, FailedRenameRemovesTheTemporary) {
  ASSERT_EQ(mkdir(path("sub").c_str(), 0755), 0);
  { std::ofstream(path("sub/keep")) << "x"; }
  // Renaming a file over a non-empty directory fails.
  const Error e = writeFileAtomic(path("sub"), {1, 2, 3});
  ASSERT_TRUE(e.failed());
  EXPECT_NE(e.message().find("rename failed"), std::string::npos)
      << e.message();
  EXPECT_EQ(entries(), std::vector<std::string>{"sub"});
  std::remove(path("sub/keep").c_str());
}

TEST_F(FileTest, WriteErrorLeavesNoFileAndKeepsTheOldOne) {
  { std::ofstream(path("model.img")) << "old contents"; }
  // A file size limit makes write() fail with EFBIG part way through.
  rlimit saved;
  ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &saved), 0);
  void (*oldHandler)(int) = std::signal(SIGXFSZ, SIG_IGN);
  rlimit small = saved;
  small.rlim_cur = 100;
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &small), 0);
  const std::vector<uint8_t> big(10000, 0xAB);
  const Error e = writeFileAtomic(path("model.img"), big);
  setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, oldHandler);
  ASSERT_TRUE(e.failed());
  EXPECT_NE(e.message().find("write failed"), std::string::npos) << e.message();
  EXPECT_EQ(entries(), std::vector<std::string>{"model.img"});
  const std::vector<uint8_t> old = contents(path("model.img"));
  EXPECT_EQ(std::string(old.begin(), old.end()), "old contents");
}

TEST_F(FileTest, ReadErrors) {
  Expected<std::vector<uint8_t>> r = readFile(path("missing"));
  ASSERT_FALSE(bool(r));
  EXPECT_NE(r.error().message().find("cannot open"), std::string::npos);
  r = readFile(dir_);
  ASSERT_FALSE(bool(r));
  EXPECT_EQ(r.error().message(), dir_ + ": not a regular file");
  { std::ofstream(path("empty")); }
  Expected<Image> img = readImageFile(path("empty"));
  ASSERT_FALSE(bool(img));
  EXPECT_EQ(img.error().message(),
            "section 'preamble' at offset 0: file truncated (0 bytes)");
}
} // namespace
