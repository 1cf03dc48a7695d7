using Mesos.Hosting.Scheduler;
using Microsoft.Extensions.Options;

namespace Mesos.Hosting.GenericHost;

/// <summary>The validated options, read once at start: the driver does not change connection settings while running.</summary>
internal sealed class MesosSchedulerOptionsHolder(IOptions<MesosSchedulerOptions> options)
{
    public MesosSchedulerOptions Value { get; } = options.Value;
}
