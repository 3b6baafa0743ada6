import Foundation

/// Runs `digestd run` under gdb and SIGKILLs it the moment it enters a given function for the
/// n-th time: a real kill at a chosen point of the real binary, for the crash tests whose point of
/// death is too short to hit from outside by timing (a day write, one entry of a probe).
///
/// gdb stops the process with a breakpoint on the function's symbol (found with `nm`, so no debug
/// information is read: `--readnever`), then `kill` ends it with SIGKILL while it is stopped
/// there. Needs gdb (Debian `gdb`, installed by `scripts/install-deps --test`) and ptrace (root,
/// or a child of the caller, as here).
enum KillAtFunction {
    /// gdb's path, or nil when it is not installed.
    static let gdb: String? = ["/usr/bin/gdb", "/usr/local/bin/gdb"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The one defined symbol of `Repo.binary` whose mangled name contains every one of `parts`
    /// (for example the module and the function's name), or nil when none or several do.
    static func symbol(containing parts: [String]) throws -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/nm")
        process.arguments = ["--defined-only", Repo.binary]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let matches = String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line -> String? in
            let fields = line.split(separator: " ")
            guard fields.count == 3, fields[1] == "t" || fields[1] == "T" else { return nil }
            let name = String(fields[2])
            return parts.allSatisfy { name.contains($0) } ? name : nil
        }
        return matches.count == 1 ? matches[0] : nil
    }

    /// Starts `digestd run` on `workspace` under gdb and kills it with SIGKILL when it enters
    /// `symbol` for the `hit`-th time (1 = the first). The service's stderr goes to `logPath`.
    /// - Returns: whether the breakpoint was hit and the process killed there (false: it exited
    ///   or hung otherwise; the gdb transcript says how), and gdb's transcript.
    static func run(_ workspace: Workspace, symbol: String, hit: Int, logPath: String, arguments: [String] = [],
                    timeout: Duration = .seconds(120)) async throws -> (killed: Bool, transcript: String) {
        guard let gdb else { return (false, "gdb is not installed") }
        let transcriptPath = logPath + ".gdb"
        let service = ["run", "--watch", workspace.inbox, "--output", workspace.digests, "--state", workspace.state,
                       "--log-level", "debug"] + arguments
        let arguments = ["-nx", "-batch", "-q", "--readnever",
                         "-ex", "set pagination off", "-ex", "set confirm off",
                         "-ex", "handle SIGPIPE SIGUSR1 SIGUSR2 SIGHUP nostop noprint pass",
                         "-ex", "break \(symbol)",
                         "-ex", "ignore 1 \(hit - 1)",
                         // gdb's shell starts the service, its stderr (the log) apart from gdb's messages.
                         "-ex", "run " + service.map(shellQuoted).joined(separator: " ") + " 2>" + shellQuoted(logPath),
                         // Only reached when the breakpoint stopped the process: say so, then kill it.
                         "-ex", "info program",
                         "-ex", "kill",
                         Repo.binary]
        var env = ProcessInfo.processInfo.environment
        env["DIGESTD_LOG"] = "stderr"
        env.removeValue(forKey: "NOTIFY_SOCKET")
        let pid = try spawn(gdb, arguments: arguments, environment: env, output: transcriptPath)
        var deadline = ContinuousClock.now + timeout
        var status: Int32 = 0, reaped = false
        func exited() -> Bool {
            if !reaped { reaped = waitpid(pid, &status, WNOHANG) == pid }
            return reaped
        }
        while !exited(), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        if !reaped {
            // Never reached the function: SIGINT makes gdb stop the service and go on to `kill`
            // (SIGKILL to gdb alone would leave the service running, detached).
            kill(pid, SIGINT)
            deadline = ContinuousClock.now + .seconds(20)
            while !exited(), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
            if !reaped { kill(pid, SIGKILL); waitpid(pid, &status, 0) }
        }
        let transcript = (try? String(contentsOfFile: transcriptPath, encoding: .utf8)) ?? ""
        let killed = transcript.contains("Breakpoint 1, ") && transcript.contains("killed]")
        return (killed, transcript)
    }

    /// Starts `path` with `arguments`, stdin from /dev/null and stdout and stderr to the file
    /// `output`, with no signal blocked and default dispositions. Foundation's `Process` passes on
    /// the calling thread's mask, and a test runs on a pool thread that blocks nearly every signal:
    /// gdb then never sees SIGCHLD and waits forever for the service it started.
    /// - Returns: the child's process ID (reap it with `waitpid`).
    static func spawn(_ path: String, arguments: [String], environment: [String: String], output: String) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EINVAL) }
        return pid
    }

    /// `text` as one word for /bin/sh (single-quoted).
    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
