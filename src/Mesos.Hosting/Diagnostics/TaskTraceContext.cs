using System.Diagnostics;
using System.Globalization;
using Mesos.V1;

namespace Mesos.Hosting.Diagnostics;

/// <summary>
/// W3C trace context carried into a launched task, so that its executor continues the trace of the call that
/// launched it: as <c>traceparent</c>/<c>tracestate</c> labels on the TaskInfo (what an executor reads) and as
/// TRACEPARENT/TRACESTATE in the task's own command environment, when it has a command. Values a user set are
/// kept. The ExecutorInfo is never touched: Mesos refuses a second, different ExecutorInfo for one executor.
/// </summary>
internal static class TaskTraceContext
{
    public const string ParentLabel = "traceparent";
    public const string StateLabel = "tracestate";
    public const string ParentVariable = "TRACEPARENT";
    public const string StateVariable = "TRACESTATE";

    // A W3C traceparent is 55 characters; a tracestate at most 32 members of 256: anything longer is not one.
    private const int MaxStateLength = 8192;

    /// <summary>Carries <paramref name="context"/> into every task the ACCEPT launches, each a copy so the caller's TaskInfo stays as it was.</summary>
    public static void Inject(V1.Scheduler.Call.Types.Accept accept, ActivityContext context)
    {
        if (context == default)
        {
            return;
        }

        var parent = Format(context);
        foreach (var operation in accept.Operations)
        {
            var tasks = operation.Type switch
            {
                Offer.Types.Operation.Types.Type.Launch => operation.Launch?.TaskInfos,
                Offer.Types.Operation.Types.Type.LaunchGroup => operation.LaunchGroup?.TaskGroup?.Tasks,
                _ => null,
            };
            for (var i = 0; tasks is not null && i < tasks.Count; i++)
            {
                tasks[i] = Carrying(tasks[i], parent, context.TraceState);
            }
        }
    }

    /// <summary>The trace context a task was launched in: its label, else its command's TRACEPARENT; default when neither parses.</summary>
    public static ActivityContext Extract(TaskInfo task)
    {
        var parent = Label(task, ParentLabel) ?? Variable(task, ParentVariable);
        if (parent is null)
        {
            return default;
        }

        var state = Label(task, StateLabel) ?? Variable(task, StateVariable);
        if (state is { Length: > MaxStateLength })
        {
            state = null;
        }

        return ActivityContext.TryParse(parent, state, isRemote: true, out var context) ? context : default;
    }

    public static string Format(ActivityContext context)
        => string.Create(CultureInfo.InvariantCulture, $"00-{context.TraceId.ToHexString()}-{context.SpanId.ToHexString()}-{((context.TraceFlags & ActivityTraceFlags.Recorded) != 0 ? "01" : "00")}");

    private static TaskInfo Carrying(TaskInfo task, string parent, string? state)
    {
        var copy = task.Clone();
        if (Label(copy, ParentLabel) is null)
        {
            copy.Labels ??= new Labels();
            copy.Labels.Labels_.Add(new Label { Key = ParentLabel, Value = parent });
            if (!string.IsNullOrEmpty(state) && Label(copy, StateLabel) is null)
            {
                copy.Labels.Labels_.Add(new Label { Key = StateLabel, Value = state });
            }
        }

        if (copy.Command is { } command && Variable(copy, ParentVariable) is null)
        {
            command.Environment ??= new V1.Environment();
            command.Environment.Variables.Add(new V1.Environment.Types.Variable { Name = ParentVariable, Value = parent });
            if (!string.IsNullOrEmpty(state) && Variable(copy, StateVariable) is null)
            {
                command.Environment.Variables.Add(new V1.Environment.Types.Variable { Name = StateVariable, Value = state });
            }
        }

        return copy;
    }

    private static string? Label(TaskInfo task, string key)
        => task.Labels?.Labels_.FirstOrDefault(l => string.Equals(l.Key, key, StringComparison.Ordinal))?.Value;

    private static string? Variable(TaskInfo task, string name)
        => task.Command?.Environment?.Variables.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.Ordinal))?.Value;
}
