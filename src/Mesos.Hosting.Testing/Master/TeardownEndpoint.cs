using Mesos.Hosting.Testing.Http;
using Microsoft.AspNetCore.Http;

namespace Mesos.Hosting.Testing.Master;

/// <summary>
/// <c>/master/teardown</c>, Mesos's older form of the operator's TEARDOWN (<c>Master::Http::teardown</c>):
/// a POST whose form body names the framework, <c>frameworkId=...</c>; 200 once it is removed.
/// </summary>
internal sealed class TeardownEndpoint(MasterRequestGate gate, OperatorCalls calls)
{
    public async Task HandleAsync(HttpContext context)
    {
        if (!(await gate.AdmitAsync(context).ConfigureAwait(false)).Admitted || !await MesosHttp.RequirePostAsync(context).ConfigureAwait(false))
        {
            return;
        }

        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        var frameworkId = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(body).GetValueOrDefault("frameworkId");
        if (frameworkId.Count == 0)
        {
            await MesosHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, "Missing 'frameworkId' query parameter").ConfigureAwait(false);
            return;
        }

        var answer = calls.Teardown(frameworkId[0]!);
        if (answer.Error.Length == 0)
        {
            MesosHttp.Empty(context, answer.Status);
        }
        else
        {
            await MesosHttp.ErrorAsync(context, answer.Status, answer.Error).ConfigureAwait(false);
        }
    }
}
