using Mesos.Hosting.Executor;
using Mesos.Hosting.Resources;
using Mesos.V1;
using Microsoft.Extensions.Options;

namespace MonteCarloPi;

/// <summary>
/// The executor this framework launches: this same program, which sees the agent's MESOS_* variables
/// and runs as the executor. One per agent (an executor ID names one executor on each agent), so that an
/// agent's tasks share one process.
/// </summary>
public sealed class PiExecutorCommand(IOptions<PiOptions> options)
{
    public ExecutorInfo Info { get; } = Create(options.Value.ExecutorCommand ?? MesosExecutorCommand.ThisProgram());

    private static ExecutorInfo Create(string command)
    {
        var executor = new ExecutorInfo
        {
            ExecutorId = new ExecutorID { Value = "pi-executor" },
            Name = "Monte Carlo π executor",
            Command = new CommandInfo { Value = command, Shell = true },
        };

        // The executor's own overhead: the offer matcher takes it from an agent with the first task it places there.
        executor.Resources.Add(MesosResources.Scalar(MesosResources.Cpus, 0.1));
        executor.Resources.Add(MesosResources.Scalar(MesosResources.Mem, 128));
        return executor;
    }
}
