using System.Net.Http.Headers;
using Mesos.Hosting.Wire;

namespace Mesos.Hosting.Operator;

/// <summary>
/// The encoding of an operator API answer, as the peer names it. Masters name it in Content-Type, even on the
/// RecordIO-framed SUBSCRIBE stream; agents name their container streams <c>application/recordio</c> and put the
/// encoding of the records in <c>Message-Content-Type</c>. Both forms are read here.
/// </summary>
internal static class AnswerEncoding
{
    public const string RecordIo = "application/recordio";

    public const string MessageContentTypeHeader = "Message-Content-Type";

    /// <summary>The codec of <paramref name="response"/>'s body; a <see cref="MesosProtocolException"/> when it names none.</summary>
    public static MesosCodec Of(HttpResponseMessage response, string peer, string callType)
    {
        var named = response.Content.Headers.ContentType?.MediaType;
        if (string.Equals(named, RecordIo, StringComparison.OrdinalIgnoreCase))
        {
            var message = response.Headers.TryGetValues(MessageContentTypeHeader, out var values) ? values.FirstOrDefault() : null;
            named = MediaTypeHeaderValue.TryParse(message, out var parsed) ? parsed.MediaType : message;
        }

        // Media types are case-insensitive, and a proxy may well change the case Mesos wrote; which encodings this
        // program speaks is the codec's to say.
        return MesosCodec.FromContentType(named?.ToLowerInvariant())
            ?? throw new MesosProtocolException(
                $"{peer} answered {callType} with content of type '{PeerText.From(named ?? "(none)")}', {Spoken()}.");
    }

    private static string Spoken() => MesosCodec.IsJsonSupported
        ? $"neither {MesosContentTypes.Protobuf} nor {MesosContentTypes.Json}"
        : $"not {MesosContentTypes.Protobuf}, the one encoding this program speaks ({MesosCodec.JsonSwitchedOff})";
}
