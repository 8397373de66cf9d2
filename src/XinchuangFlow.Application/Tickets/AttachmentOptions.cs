using System.Security.Cryptography;
using System.Text;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Tickets;

/// <summary>Limits of uploads (section <c>Limits:Attachments</c>).</summary>
public sealed class AttachmentOptions
{
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;
    public int MaxPerTicket { get; set; } = 30;
}
