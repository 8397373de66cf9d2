using System.Security.Cryptography;
using System.Text;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Application.Tickets;

/// <summary>
/// Files on a ticket (INB-2): whoever may see the ticket may read and add them while it is open. The type is decided by
/// the content (magic bytes; text must be UTF-8 without control characters), never by what the browser claims, and
/// the file name's extension must match it; SVG and HTML are refused because browsers run scripts in them.
/// </summary>
public sealed class AttachmentService(CaseQueryService queries, IAttachmentStore store, TimeProvider clock, AttachmentOptions options, AccessService access)
{
    private static readonly Dictionary<string, string[]> Extensions = new(StringComparer.Ordinal)
    {
        ["image/png"] = [".png"],
        ["image/jpeg"] = [".jpg", ".jpeg"],
        ["image/gif"] = [".gif"],
        ["image/webp"] = [".webp"],
        ["application/pdf"] = [".pdf"],
        ["text/plain"] = [".txt", ".log", ".csv"],
    };

    public long MaxBytes => options.MaxBytes;

    /// <summary>
    /// The refusal of a file larger than <paramref name="max"/> bytes: what an upload throws once it has read past the
    /// limit, and what the web layer answers before reading a request that says it is larger. It stands for a 413, so its
    /// code is the problem's own (a client tells it from the file being refused for what it is).
    /// </summary>
    public static InvalidInputException TooLarge(long max) =>
        new([Problem.Of(AttachmentProblems.TooLarge, "file", $"The file is larger than {max / 1024 / 1024} MB.", ("max", (int)(max / 1024 / 1024)))], AttachmentProblems.TooLarge);

    public async Task<IReadOnlyList<AttachmentInfo>> ListAsync(Actor actor, string ticket, CancellationToken ct = default)
    {
        var t = await queries.GetTicketAsync(actor, ticket, ct);
        return await store.ListAsync(t.Id, ct);
    }

    /// <summary>The file with its bytes, when its ticket is in the caller's scope; otherwise a logged 404.</summary>
    public async Task<Attachment> GetAsync(Actor actor, string ticket, Guid id, CancellationToken ct = default)
    {
        var t = await queries.GetTicketAsync(actor, ticket, ct);
        return await store.FindAsync(t.Id, id, ct) ?? throw new NotFoundException(Problem.Of(Access.AccessProblems.NotFound, null, $"Attachment {id} does not exist.", ("what", "attachment"), ("id", id)));
    }

    /// <summary>Reads at most the limit from <paramref name="content"/>, checks it and stores it. Nothing is stored when a check fails.</summary>
    public async Task<AttachmentInfo> UploadAsync(Actor actor, string ticket, string? fileName, Stream content, CancellationToken ct = default)
    {
        var t = await queries.GetTicketAsync(actor, ticket, ct);
        access.EnsureMayChange(actor, $"add a file to {t.Number}");
        if (t.Status.IsFinal) throw new StateConflictException(Problem.Of(AttachmentProblems.TicketClosed, null, $"Ticket {t.Number} is {t.Status}; files can no longer be added.", ("number", t.Number), ("status", t.Status)));
        return await UploadToAsync(t.Id, fileName, content, actor.UserName, ct);
    }

    /// <summary>
    /// Reads at most the limit from <paramref name="content"/>, checks it and stores it with the case (a ticket, a
    /// knowledge article) whose owner has already decided the caller may add it. Nothing is stored when a check fails.
    /// </summary>
    public async Task<AttachmentInfo> UploadToAsync(Guid caseId, string? fileName, Stream content, string? user, CancellationToken ct = default)
    {
        var bytes = await ReadLimitedAsync(content, MaxBytes, ct);
        return await AddCheckedAsync(caseId, fileName, bytes, user, ct);
    }

    /// <summary>
    /// Checks a file already read (name, size, type by content, the ticket's file limit) and stores it on the ticket the
    /// caller has already found; a repeated file is the same file. Used by uploads and by the service mailbox.
    /// </summary>
    public Task<AttachmentInfo> AddCheckedAsync(Ticket t, string? fileName, byte[] bytes, string? user, CancellationToken ct = default) =>
        AddCheckedAsync(t.Id, fileName, bytes, user, ct);

    private async Task<AttachmentInfo> AddCheckedAsync(Guid caseId, string? fileName, byte[] bytes, string? user, CancellationToken ct)
    {
        var name = CheckName(fileName);
        if (bytes.Length > MaxBytes) throw TooLarge(MaxBytes);
        if (bytes.Length == 0) throw new InvalidInputException(Problem.Of(AttachmentProblems.Empty, "file", "The file is empty."));
        var type = Sniff(bytes) ?? throw new InvalidInputException(Problem.Of(AttachmentProblems.TypeRefused, "file",
            $"'{name}' is not accepted: photos and screenshots (PNG, JPEG, GIF, WebP), PDF or plain UTF-8 text; the content is checked, not the name.",
            ("name", name)));
        var ext = Path.GetExtension(name).ToLowerInvariant();
        if (!Extensions[type].Contains(ext))
            throw new InvalidInputException(Problem.Of(AttachmentProblems.ExtensionMismatch, "file", $"The file's content is {type} but its name ends in '{ext}'; name it {string.Join(" or ", Extensions[type])}.",
                ("type", type), ("extension", ext), ("expected", string.Join(" / ", Extensions[type]))));
        var existing = await store.ListAsync(caseId, ct);
        var hash = Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
        if (existing.FirstOrDefault(e => e.Sha256 == hash) is { } same) return same; // the same file again
        if (existing.Count >= options.MaxPerTicket)
            throw new InvalidInputException(Problem.Of(AttachmentProblems.TooMany, "file", $"A ticket or article holds at most {options.MaxPerTicket} files.", ("max", options.MaxPerTicket)));
        return await store.AddAsync(new Attachment
        {
            Id = Guid.CreateVersion7(), CaseId = caseId, FileName = name, ContentType = type, Size = bytes.Length, Sha256 = hash,
            Content = bytes, UploadedBy = user, UploadedAt = clock.GetUtcNow(),
        }, ct);
    }

    private static string CheckName(string? fileName)
    {
        var name = fileName?.Trim() ?? "";
        if (name.Length == 0) throw new InvalidInputException(Problem.Of(AttachmentProblems.NameMissing, "file", "The file has no name."));
        if (name.Length > 200) throw new InvalidInputException(Problem.Of(AttachmentProblems.NameTooLong, "file", "The file name is longer than 200 characters.", ("max", 200)));
        if (name.IndexOfAny(['/', '\\']) >= 0 || name is "." or "..")
            throw new InvalidInputException(Problem.Of(AttachmentProblems.NamePath, "file", "The file name must not contain a path."));
        if (TextRules.Check(name, "file", 200, multiline: false) is { } problem) throw new InvalidInputException([problem]);
        return name;
    }

    private static async Task<byte[]> ReadLimitedAsync(Stream content, long max, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > max) throw TooLarge(max);
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }

    /// <summary>The type by content, or null when it is none of the accepted ones.</summary>
    public static string? Sniff(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return "image/png";
        if (b.StartsWith((byte[])[0xFF, 0xD8, 0xFF])) return "image/jpeg";
        if (b.StartsWith("GIF87a"u8) || b.StartsWith("GIF89a"u8)) return "image/gif";
        if (b.Length >= 12 && b.StartsWith("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8)) return "image/webp";
        if (b.StartsWith("%PDF-"u8)) return "application/pdf";
        return IsPlainText(b) ? "text/plain" : null;
    }

    private static bool IsPlainText(ReadOnlySpan<byte> b)
    {
        var text = b.StartsWith((byte[])[0xEF, 0xBB, 0xBF]) ? b[3..] : b;
        string s;
        try { s = new UTF8Encoding(false, true).GetString(text); }
        catch (DecoderFallbackException) { return false; }
        foreach (var c in s)
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t')) return false;
        // Markup a browser might run is not "plain text" even when named .txt.
        var head = s.TrimStart();
        return !(head.StartsWith('<') && (head.Contains("<script", StringComparison.OrdinalIgnoreCase) || head.Contains("<svg", StringComparison.OrdinalIgnoreCase)
                                          || head.Contains("<html", StringComparison.OrdinalIgnoreCase)));
    }
}
