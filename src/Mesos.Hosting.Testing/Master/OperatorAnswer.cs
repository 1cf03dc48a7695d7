using Mesos.V1.Master;
using Microsoft.AspNetCore.Http;

namespace Mesos.Hosting.Testing.Master;

/// <summary>The answer to a valid operator call: 200 with a response, 200 without one, or an error status and Mesos's text.</summary>
internal readonly record struct OperatorAnswer(int Status, Response? Response, string Error)
{
    public static OperatorAnswer Empty => new(StatusCodes.Status200OK, null, string.Empty);

    public static OperatorAnswer Ok(Response response) => new(StatusCodes.Status200OK, response, string.Empty);

    public static OperatorAnswer Fail(int status, string error) => new(status, null, error);
}
