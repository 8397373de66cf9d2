namespace XinchuangFlow.Engine.Runtime;

/// <summary>A slot of <see cref="BurstItems"/> holding a <typeparamref name="T"/>; declare one static instance per slot.</summary>
/// <param name="name">For the debugger only: keys compare by reference.</param>
public sealed class BurstKey<T>(string name) where T : class
{
    public string Name { get; } = name;
    public override string ToString() => Name;
}
