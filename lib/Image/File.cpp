//===- File.cpp - whole-file reads and atomic writes (POSIX)
//---------------===//

#include "snnc/Image/File.h"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace snnc::image;

namespace {
Error ioError(const std::string &path, const char *what) {
  return Error::failure(path + ": " + what + ": " + std::strerror(errno));
}

std::string directoryOf(const std::string &path) {
  const size_t slash = path.find_last_of('/');
  if (slash == std::string::npos)
    return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

/// Creates a new temporary next to `path`: same directory, so the rename
/// cannot cross file systems. Mode 0666 & ~umask, as the final file would
/// get from a plain open().
int createTemporary(const std::string &path, std::string &tmp) {
  static std::atomic<unsigned> counter{0};
  for (int attempt = 0; attempt < 100; ++attempt) {
    tmp = path + ".tmp." + std::to_string(getpid()) + "." +
          std::to_string(counter++);
    const int fd =
        open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0 || errno != EEXIST)
      return fd;
  }
  return -1;
}
} // namespace

Error snnc::image::writeFileAtomic(const std::string &path, const uint8_t *data,
                                   size_t size) {
  std::string tmp;
  const int fd = createTemporary(path, tmp);
  if (fd < 0)
    return ioError(path, "cannot create a temporary file");
  auto abandon = [&](const char *what) {
    Error e = ioError(path, what);
    close(fd);
    unlink(tmp.c_str());
    return e;
  };
  for (size_t done = 0; done < size;) {
    const ssize_t n = write(fd, data + done, size - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return abandon("write failed");
    done += size_t(n);
  }
  if (fsync(fd) != 0)
    return abandon("fsync failed");
  if (close(fd) != 0) {
    Error e = ioError(path, "close failed");
    unlink(tmp.c_str());
    return e;
  }
  if (rename(tmp.c_str(), path.c_str()) != 0) {
    Error e = ioError(path, "rename failed");
    unlink(tmp.c_str());
    return e;
  }
  // Persist the rename itself; the file is complete either way, so a
  // directory that cannot be synced is not an error.
  const int dir = open(directoryOf(path).c_str(), O_RDONLY | O_CLOEXEC);
  if (dir >= 0) {
    fsync(dir);
    close(dir);
  }
  return Error::success();
}

Expected<std::vector<uint8_t>> snnc::image::readFile(const std::string &path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return ioError(path, "cannot open");
  struct stat st;
  if (fstat(fd, &st) != 0) {
    Error e = ioError(path, "cannot stat");
    close(fd);
    return e;
  }
  if (!S_ISREG(st.st_mode)) {
    close(fd);
    return Error::failure(path + ": not a regular file");
  }
  std::vector<uint8_t> bytes(size_t(st.st_size));
  for (size_t done = 0; done < bytes.size();) {
    const ssize_t n = read(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      Error e = ioError(path, "read failed");
      close(fd);
      return e;
    }
    if (n == 0) { // shrank while reading
      bytes.resize(done);
      break;
    }
    done += size_t(n);
  }
  close(fd);
  return bytes;
}
