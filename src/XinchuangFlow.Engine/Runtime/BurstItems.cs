using System.Diagnostics.CodeAnalysis;

namespace XinchuangFlow.Engine.Runtime;

/// <summary>
/// Scratch shared by the activities (and the amendment) of one burst, read and written through typed keys: a domain row
/// loaded once and staged once is found again by the next activity of the same burst, and a key's type says what it
/// holds, so no caller casts.
/// </summary>
public sealed class BurstItems
{
    // Keys are compared by reference: two keys with the same name are still two slots.
    private readonly Dictionary<object, object> _items = new(ReferenceEqualityComparer.Instance);

    public bool TryGet<T>(BurstKey<T> key, [NotNullWhen(true)] out T? value) where T : class
    {
        if (_items.TryGetValue(key, out var found)) { value = (T)found; return true; }
        value = null;
        return false;
    }

    public void Set<T>(BurstKey<T> key, T value) where T : class => _items[key] = value;
}
