using System.Diagnostics.CodeAnalysis;

[assembly: SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Scope = "namespace", Target = "~N:Mesos.Hosting.Operator.Tests", Justification = "Named for the Mesos operator API, as the library's namespace is.")]
