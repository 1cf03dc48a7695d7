using System.Diagnostics.CodeAnalysis;

// The namespace is named for the Mesos operator API, the name Mesos's documentation gives it; Visual Basic users
// write [Operator] to import it.
[assembly: SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Scope = "namespace", Target = "~N:Mesos.Hosting.Operator", Justification = "Named for the Mesos operator API.")]
