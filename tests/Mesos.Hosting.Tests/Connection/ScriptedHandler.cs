using System.Collections.Concurrent;

namespace Mesos.Hosting.Tests.Connection;

/// <summary>An HTTP handler that answers each request with the next answer of a script, and keeps what it was sent.</summary>
internal sealed class ScriptedHandler(params Func<HttpRequestMessage, HttpResponseMessage>[] answers) : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpRequestMessage, HttpResponseMessage>> _answers = new(answers);

    public ConcurrentQueue<(HttpRequestMessage Request, byte[] Body)> Sent { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Sent.Enqueue((request, request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken)));
        return _answers.TryDequeue(out var answer)
            ? answer(request)
            : throw new InvalidOperationException($"The script has no answer left for {request.RequestUri}.");
    }
}
