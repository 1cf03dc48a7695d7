using System.Text;

namespace Mesos.Hosting.Wire;

/// <summary>
/// Text a peer sent (an error body, a header) made fit for a log line or an exception message: bounded
/// in length, with control characters shown as escapes so that a peer cannot forge log lines.
/// </summary>
internal static class PeerText
{
    /// <summary>The most bytes of a peer's text kept; Mesos's own error messages are far shorter.</summary>
    public const int MaxBytes = 4096;

    public static string From(ReadOnlySpan<byte> bytes, bool truncated)
        => From(Encoding.UTF8.GetString(bytes.Length > MaxBytes ? bytes[..MaxBytes] : bytes), truncated || bytes.Length > MaxBytes);

    public static string From(string text, bool truncated = false)
    {
        if (text.Length > MaxBytes)
        {
            text = text[..MaxBytes];
            truncated = true;
        }

        var printable = new StringBuilder(text.Length);
        foreach (var c in text.Trim())
        {
            _ = char.IsControl(c) ? printable.Append(c switch { '\n' => "\\n", '\r' => "\\r", '\t' => "\\t", _ => $"\\u{(int)c:x4}" }) : printable.Append(c);
        }

        if (truncated)
        {
            printable.Append(" …(truncated)");
        }

        return printable.ToString();
    }
}
