using System.Diagnostics.Tracing;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace Mesos.Hosting.Executor.Tests;

/// <summary>
/// The call sites that dependency injection containers build in this process while this listens, as the containers'
/// event source ("Microsoft-Extensions-DependencyInjection") describes them: a JSON tree of service types,
/// implementation types and the item types of enumerables, for each service resolved for the first time.
/// </summary>
internal sealed class ContainerCallSites : EventListener
{
    private const string SourceName = "Microsoft-Extensions-DependencyInjection";

    private readonly Lock _gate = new();
    private readonly List<string> _callSites = [];
    private readonly Dictionary<long, StringBuilder> _pending = [];

    /// <summary>
    /// The generic types in the call sites, and the arrays behind their enumerables, that mention no type of
    /// <paramref name="excluded"/>, each as a NativeAOT runtime directive names it: (assembly, type name).
    /// </summary>
    public IReadOnlySet<(string Assembly, string Type)> GenericTypes(Assembly excluded)
    {
        var types = new HashSet<(string, string)>();
        foreach (var name in TypeNames())
        {
            var type = RuntimeTypeNames.Resolve(name);
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            {
                type = type.GetGenericArguments()[0].MakeArrayType();
            }

            if ((type.IsGenericType || type.IsArray) && !RuntimeTypeNames.Mentions(type, excluded))
            {
                types.Add((RuntimeTypeNames.DefiningAssembly(type), RuntimeTypeNames.DirectiveName(type)));
            }
        }

        return types;
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == SourceName)
        {
            EnableEvents(eventSource, EventLevel.Verbose, EventKeywords.All);
        }
    }

    // A long call site arrives in chunks, one event each, in order on the thread that resolves it.
    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName != "CallSiteBuilt" || eventData.PayloadNames is not { } names || eventData.Payload is not { } payload)
        {
            return;
        }

        var chunk = (string)payload[names.IndexOf("callSite")]!;
        var index = (int)payload[names.IndexOf("chunkIndex")]!;
        var count = (int)payload[names.IndexOf("chunkCount")]!;
        lock (_gate)
        {
            var pending = _pending.TryGetValue(eventData.OSThreadId, out var started) ? started : _pending[eventData.OSThreadId] = new StringBuilder();
            pending.Append(chunk);
            if (index == count - 1)
            {
                _callSites.Add(pending.ToString());
                _pending.Remove(eventData.OSThreadId);
            }
        }
    }

    private List<string> TypeNames()
    {
        var names = new List<string>();
        lock (_gate)
        {
            foreach (var callSite in _callSites)
            {
                using var document = JsonDocument.Parse(callSite);
                Collect(document.RootElement, names);
            }
        }

        return names;
    }

    private static void Collect(JsonElement element, List<string> names)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Collect(item, names);
            }
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name is "serviceType" or "implementationType" or "itemType" && property.Value.ValueKind == JsonValueKind.String)
                {
                    names.Add(property.Value.GetString()!);
                }
                else
                {
                    Collect(property.Value, names);
                }
            }
        }
    }
}
