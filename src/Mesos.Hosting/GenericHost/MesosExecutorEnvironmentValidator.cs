using Mesos.Hosting.Executor;
using Microsoft.Extensions.Options;

namespace Mesos.Hosting.GenericHost;

/// <summary>Checks at start that the MESOS_* environment, with the settings' overrides, describes an executor.</summary>
internal sealed class MesosExecutorEnvironmentValidator : IValidateOptions<MesosExecutorOptions>
{
    public ValidateOptionsResult Validate(string? name, MesosExecutorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            MesosExecutorEnvironment.Read(MesosExecutorEnvironment.ProcessVariables(), options);
        }
        catch (FormatException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }

        return options switch
        {
            { CallTimeout.Ticks: <= 0 } => ValidateOptionsResult.Fail($"Mesos:Executor:CallTimeout must be positive; it is {options.CallTimeout}."),
            { SubscribeRetryInterval.Ticks: <= 0 } => ValidateOptionsResult.Fail($"Mesos:Executor:SubscribeRetryInterval must be positive; it is {options.SubscribeRetryInterval}."),
            { AcknowledgementTimeout.Ticks: < 0 } => ValidateOptionsResult.Fail($"Mesos:Executor:AcknowledgementTimeout must not be negative; it is {options.AcknowledgementTimeout}."),
            { HeartbeatInterval.Ticks: <= 0 } => ValidateOptionsResult.Fail($"Mesos:Executor:HeartbeatInterval must be positive; it is {options.HeartbeatInterval}."),
            _ when Wire.MesosCodec.FromContentType(options.ContentType) is null => ValidateOptionsResult.Fail($"Mesos:Executor:ContentType must be application/x-protobuf or application/json; it is '{options.ContentType}'."),
            _ => ValidateOptionsResult.Success,
        };
    }
}
