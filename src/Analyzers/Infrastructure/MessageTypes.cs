using Microsoft.CodeAnalysis;

namespace DistAnalyzers.Infrastructure
{
    /// <summary>
    /// Recognises types that leave the process (RULES.md, "Message types"): serialization attributes on the type
    /// or a base type, <c>Google.Protobuf.IMessage</c>, serialization attributes on the stored member, or a name
    /// ending with a <c>message_type_words</c> word (names ending with <c>Event</c>/<c>Command</c> only through an
    /// attribute). Never an <c>EventArgs</c> subclass, never a test double.
    /// </summary>
    public sealed class MessageTypes
    {
        private readonly INamedTypeSymbol? eventArgs;
        private readonly INamedTypeSymbol? protobufMessage;
        private readonly INamedTypeSymbol?[] typeAttributes;
        private readonly INamedTypeSymbol?[] memberAttributes;

        public MessageTypes(KnownSymbols symbols)
        {
            eventArgs = symbols.EventArgs;
            protobufMessage = symbols.ProtobufIMessage;
            typeAttributes = new[]
            {
                symbols.DataContractAttribute, symbols.ProtoContractAttribute, symbols.MessagePackObjectAttribute,
                symbols.OrleansGenerateSerializerAttribute,
            };
            memberAttributes = new[]
            {
                symbols.DataMemberAttribute, symbols.JsonPropertyNameAttribute, symbols.JsonIncludeAttribute,
                symbols.ProtoMemberAttribute, symbols.MessagePackKeyAttribute,
            };
        }

        /// <summary>Whether storing into <paramref name="member"/> of <paramref name="type"/> is a store into a message.</summary>
        public bool IsMessageStore(ITypeSymbol? type, ISymbol? member, WordList messageTypeWords, WordList testDoubleWords)
        {
            if (type is null || !IsCandidate(type, testDoubleWords))
            {
                return false;
            }

            if (member is not null && HasAny(member, memberAttributes))
            {
                return true;
            }

            return IsMessageType(type, messageTypeWords, testDoubleWords);
        }

        /// <summary>Whether <paramref name="type"/> is a message type (type-level attributes, IMessage, or name).</summary>
        public bool IsMessageType(ITypeSymbol? type, WordList messageTypeWords, WordList testDoubleWords)
        {
            if (type is null || !IsCandidate(type, testDoubleWords))
            {
                return false;
            }

            for (var t = type; t is not null && t.SpecialType != SpecialType.System_Object; t = t.BaseType)
            {
                if (t is INamedTypeSymbol named && (named.IsSerializable || HasAny(named, typeAttributes)))
                {
                    return true;
                }
            }

            if (protobufMessage is not null)
            {
                foreach (var i in type.AllInterfaces)
                {
                    if (SymbolEqualityComparer.Default.Equals(i, protobufMessage))
                    {
                        return true;
                    }
                }
            }

            var words = Words.Split(type.Name);
            if (words.Count == 0)
            {
                return false;
            }

            if (words.WordIs(words.Count - 1, "Event", plural: false) || words.WordIs(words.Count - 1, "Command", plural: false))
            {
                return false;
            }

            return messageTypeWords.Matches(words, WordMatch.EndsWith);
        }

        private bool IsCandidate(ITypeSymbol type, WordList testDoubleWords)
        {
            if (type.TypeKind != TypeKind.Class && type.TypeKind != TypeKind.Struct)
            {
                return false;
            }

            if (eventArgs is not null)
            {
                for (var t = type.BaseType; t is not null; t = t.BaseType)
                {
                    if (SymbolEqualityComparer.Default.Equals(t, eventArgs))
                    {
                        return false;
                    }
                }
            }

            return !Contexts.IsTestDouble(type, testDoubleWords);
        }

        private static bool HasAny(ISymbol symbol, INamedTypeSymbol?[] attributes)
        {
            foreach (var data in symbol.GetAttributes())
            {
                var cls = data.AttributeClass;
                if (cls is null)
                {
                    continue;
                }

                foreach (var a in attributes)
                {
                    if (a is not null && SymbolEqualityComparer.Default.Equals(cls, a))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

    }
}
