using Mesos.Hosting.Executor;
using Mesos.Hosting.Resources;
using Mesos.V1;
using Microsoft.Extensions.Options;

namespace MonteCarloPi;

/// <summary>
/// The executor this framework launches: this same program, which sees the agent's MESOS_* variables
/// and runs as the executor. One per agent, so that an agent's tasks share one process.
/// </summary>
public sealed class PiExecutorCommand(IOptions<PiOptions> options)
{
    private const double ExecutorCpus = 0.1;
    private const double ExecutorMem = 128;

    private readonly string _command = options.Value.ExecutorCommand ?? MesosExecutorCommand.ThisProgram();

    public ExecutorInfo For(AgentID agent, string? role)
    {
        var executor = new ExecutorInfo
        {
            ExecutorId = new ExecutorID { Value = $"pi-executor-{agent.Value}" },
            Name = "Monte Carlo π executor",
            Command = new CommandInfo { Value = _command, Shell = true },
        };
        executor.Resources.Add(MesosResources.Scalar(MesosResources.Cpus, ExecutorCpus, role));
        executor.Resources.Add(MesosResources.Scalar(MesosResources.Mem, ExecutorMem, role));
        return executor;
    }

    public static (double Cpus, double Mem) Resources => (ExecutorCpus, ExecutorMem);
}
