using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace XinchuangFlow.Domain.Tickets;

/// <summary>
/// Reads and writes a typed value (<see cref="TicketStatus"/>, <see cref="Grade"/>) as its code — also as a dictionary
/// key —; a code the type does not parse is a <see cref="JsonException"/> (a 400 at the API, never a stored typo).
/// </summary>
public sealed class CodeJsonConverter<T> : JsonConverter<T> where T : IParsable<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? Parse(reader.GetString()) : throw Refused(reader.TokenType.ToString());

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());

    public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Parse(reader.GetString());

    public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WritePropertyName(value.ToString()!);

    private static T Parse(string? code) => T.TryParse(code, CultureInfo.InvariantCulture, out var value) ? value : throw Refused($"'{code}'");

    private static JsonException Refused(string what) => new($"{what} is not a {typeof(T).Name}.");
}
