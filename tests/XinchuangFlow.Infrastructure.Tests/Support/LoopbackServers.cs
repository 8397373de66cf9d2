using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using XinchuangFlow.Testing;

namespace XinchuangFlow.Infrastructure.Tests.Support;

/// <summary>A real SMTP server on loopback: Debian's aiosmtpd writing every message it accepts into a Maildir.</summary>
public sealed class AiosmtpdServer : IDisposable
{
    private Process? _process;
    public int Port { get; } = Loopback.FreePort();
    public string Mbox { get; } = Path.Combine(Path.GetTempPath(), $"xf-maildir-{Guid.NewGuid():N}");

    public async Task StartAsync()
    {
        _process = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", Mbox])
        {
            RedirectStandardError = true, RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("aiosmtpd did not start (is python3-aiosmtpd installed? ./test.sh installs it)");
        await WaitUntilListeningAsync(_process, Port, "aiosmtpd", () => "");
    }

    /// <summary>Waits up to 10 s for <paramref name="process"/> to accept connections on <paramref name="port"/>.</summary>
    public static async Task WaitUntilListeningAsync(Process process, int port, string name, Func<string> log)
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) { await Task.Delay(100); }
            if (process.HasExited) throw new InvalidOperationException($"{name} exited: " + await process.StandardError.ReadToEndAsync() + log());
        }
        throw new TimeoutException($"{name} did not listen within 10 s." + log());
    }

    public void Stop()
    {
        if (_process is { HasExited: false }) { _process.Kill(entireProcessTree: true); _process.WaitForExit(5000); }
        _process = null;
    }

    /// <summary>The messages received so far, each as its raw text (one file per message in the Maildir).</summary>
    public IReadOnlyList<string> Messages() =>
        !Directory.Exists(Mbox) ? [] : new[] { "new", "cur" }.Select(d => Path.Combine(Mbox, d)).Where(Directory.Exists)
            .SelectMany(Directory.GetFiles).Select(File.ReadAllText).ToList();

    public void Dispose()
    {
        Stop();
        if (Directory.Exists(Mbox)) Directory.Delete(Mbox, recursive: true);
    }
}

/// <summary>An HTTP endpoint on loopback standing in for an SMS platform: records every POST body it takes, answers 200 (or 503 while it is down).</summary>
public sealed class SmsGatewayStub : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<string> _bodies = [];
    public int Port { get; } = Loopback.FreePort();
    public string Url => $"http://127.0.0.1:{Port}/sms/send";

    public SmsGatewayStub()
    {
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/sms/");
        _listener.Start();
        _ = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                HttpListenerContext ctx;
                try { ctx = await _listener.GetContextAsync(); }
                catch (Exception) { return; }
                if (Interlocked.Decrement(ref Outages) >= 0)
                {
                    // The platform is down: the message is not taken.
                    ctx.Response.StatusCode = 503;
                    ctx.Response.Close();
                    continue;
                }
                using (var reader = new StreamReader(ctx.Request.InputStream)) lock (_bodies) _bodies.Add(reader.ReadToEnd());
                ctx.Response.StatusCode = 200;
                ctx.Response.Close();
            }
        });
    }

    public IReadOnlyList<string> Bodies { get { lock (_bodies) return _bodies.ToList(); } }

    /// <summary>How many of the next requests answer 503 (the platform is down) without taking the message.</summary>
    public int Outages;

    public void Dispose() => _listener.Close();
}

/// <summary>
/// A real IMAP server on loopback: Debian's dovecot (dovecot-imapd) with a configuration of its own in a temporary folder —
/// one mailbox, plain login, Maildir storage — run in the foreground and killed at the end. As root the login processes
/// run as dovenull and mail is stored as the dovecot user; as another user everything runs as that user.
/// </summary>
public sealed class DovecotServer : IDisposable
{
    private Process? _process;
    public int Port { get; } = Loopback.FreePort();
    public string Root { get; } = Path.Combine("/tmp", $"xf-dv-{Guid.NewGuid():N}"[..14]);
    public string User => "service@xf.test";
    public string Password => "mailbox-secret";

    public async Task StartAsync()
    {
        if (!File.Exists("/usr/sbin/dovecot")) throw new InvalidOperationException("dovecot is not installed (./test.sh installs dovecot-imapd).");
        foreach (var dir in new[] { "run", "state", "home" }) Directory.CreateDirectory(Path.Combine(Root, dir));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path.Combine(Root, "home"), (UnixFileMode)0x1FF);
        await File.WriteAllTextAsync(Path.Combine(Root, "users"), $"{User}:{{PLAIN}}{Password}\n");
        var root = Environment.UserName == "root";
        var self = Environment.UserName;
        var uid = root ? "dovecot" : self;
        await File.WriteAllTextAsync(Path.Combine(Root, "dovecot.conf"), $$"""
            base_dir = {{Root}}/run
            state_dir = {{Root}}/state
            log_path = {{Root}}/dovecot.log
            protocols = imap
            listen = 127.0.0.1
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            default_login_user = {{(root ? "dovenull" : self)}}
            default_internal_user = {{(root ? "dovecot" : self)}}
            first_valid_uid = 0
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port = {{Port}}
              }
              inet_listener imaps {
                port = 0
              }
              chroot =
            }
            service anvil {
              chroot =
            }
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{Root}}/users
            }
            userdb {
              driver = static
              args = uid={{uid}} gid={{uid}} home={{Root}}/home/%u
            }
            mail_location = maildir:~/Maildir
            """);
        _process = Process.Start(new ProcessStartInfo("/usr/sbin/dovecot", ["-F", "-c", Path.Combine(Root, "dovecot.conf")])
        {
            RedirectStandardError = true, RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("dovecot did not start.");
        await AiosmtpdServer.WaitUntilListeningAsync(_process, Port, "dovecot", ReadLog);
    }

    private string ReadLog() => File.Exists(Path.Combine(Root, "dovecot.log")) ? File.ReadAllText(Path.Combine(Root, "dovecot.log")) : "";

    public void Dispose()
    {
        if (_process is { HasExited: false }) { _process.Kill(entireProcessTree: true); _process.WaitForExit(5000); }
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
