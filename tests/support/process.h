#pragma once
// Runs the built joulebench binary as a user would, capturing exit code, stdout and stderr. The
// process gets a clean environment (clean_environment.h): PATH, LANG=C.UTF-8, HOME at the
// test's directory, every energy source pinned to "absent", and what the test names itself.

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/clean_environment.h"
#include "tests/support/file_text.h"

namespace joulebench::testing {

struct ProcessResult {
  int exit_code = -1;  // 128 + signal number when killed by a signal
  std::string out;
  std::string err;
};

class Process {
 public:
  // Starts `binary args...` in `cwd` with stdout and stderr going to files in `log_dir`, in the
  // clean environment with HOME at `cwd`, plus `environment` (which wins over the clean set:
  // e.g. JOULEBENCH_POWERCAP_ROOT at a fixture).
  Process(const std::string& binary, const std::vector<std::string>& args,
          const std::filesystem::path& cwd, const std::filesystem::path& log_dir,
          const Environment& environment = {})
      : out_path_(log_dir / ".stdout"), err_path_(log_dir / ".stderr") {
    std::vector<std::string> storage = {binary};
    storage.insert(storage.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& s : storage)
      argv.push_back(s.data());
    argv.push_back(nullptr);
    std::vector<std::string> env_storage = child_environment(cwd, environment);
    std::vector<char*> envp;
    for (auto& s : env_storage)
      envp.push_back(s.data());
    envp.push_back(nullptr);
    pid_ = ::fork();
    if (pid_ == 0) {
      const int out = ::open(out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      const int err = ::open(err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (out < 0 || err < 0 || ::chdir(cwd.c_str()) != 0)
        ::_exit(127);
      ::dup2(out, STDOUT_FILENO);
      ::dup2(err, STDERR_FILENO);
      ::execve(argv[0], argv.data(), envp.data());
      ::_exit(127);
    }
  }

  void signal(int sig) { ::kill(pid_, sig); }

  ProcessResult wait() {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    ProcessResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = read_whole_file(out_path_);
    r.err = read_whole_file(err_path_);
    std::filesystem::remove(out_path_);
    std::filesystem::remove(err_path_);
    return r;
  }

 private:
  pid_t pid_ = -1;
  std::filesystem::path out_path_;
  std::filesystem::path err_path_;
};

}  // namespace joulebench::testing
