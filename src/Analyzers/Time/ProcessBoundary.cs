using System;
using System.Collections.Generic;
using DistAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DistAnalyzers.Time
{
    /// <summary>One value that leaves the process: stored into a member of a message type, or written out.</summary>
    internal readonly struct BoundaryStore
    {
        public BoundaryStore(IOperation value, ITypeSymbol? destination, string? memberName)
        {
            Value = value;
            Destination = destination;
            MemberName = memberName;
        }

        /// <summary>The stored or written value (as the operation tree gives it, conversions included).</summary>
        public IOperation Value { get; }

        /// <summary>The type of the member or parameter that receives the value.</summary>
        public ITypeSymbol? Destination { get; }

        /// <summary>The receiving member's name (null for a whole written value).</summary>
        public string? MemberName { get; }
    }

    /// <summary>
    /// The stores and writes of DIST101 and DIST106 ("stored or written out"): assignments and object or
    /// <c>with</c> initializers into members of message types, constructor and record arguments matched by
    /// parameter name to a member, field and property initializers of message types, and the value arguments of
    /// <c>BinaryWriter.Write</c>, <c>BitConverter.GetBytes</c>, <c>BinaryPrimitives.Write*</c>,
    /// <c>JsonContent.Create</c> and <c>JsonSerializer.Serialize*</c> (the value, or a member of the object passed).
    /// </summary>
    internal sealed class ProcessBoundary
    {
        /// <summary>The operation kinds whose stores <see cref="StoresOf"/> enumerates.</summary>
        public static readonly OperationKind[] StoreKinds =
        {
            OperationKind.SimpleAssignment, OperationKind.FieldInitializer, OperationKind.PropertyInitializer,
            OperationKind.ObjectCreation, OperationKind.Invocation,
        };

        private const int MaxClimb = 6;
        private readonly MessageTypes messageTypes;
        private readonly INamedTypeSymbol? binaryWriter;
        private readonly INamedTypeSymbol? bitConverter;
        private readonly INamedTypeSymbol? binaryPrimitives;
        private readonly INamedTypeSymbol? jsonContent;
        private readonly INamedTypeSymbol? jsonSerializer;
        private readonly Func<ITypeSymbol, bool> valueTypes;
        private readonly Func<IOperation, bool>? valueShapes;
        private readonly ProcessBoundary unfiltered;

        /// <param name="symbols">The compilation's symbols.</param>
        /// <param name="valueTypes">The types of value the rule can flag: other stores are skipped before any message-type check.</param>
        /// <param name="valueShapes">
        /// Optional: a cheap necessary condition on a stored value (the operation as stored, conversions included) for
        /// the rule to flag it. <see cref="StoresOf"/> and <see cref="MayStore"/> skip other values before any
        /// message-type check; <see cref="IsStoredValue"/> ignores it (it asks about any value).
        /// </param>
        public ProcessBoundary(KnownSymbols symbols, Func<ITypeSymbol, bool> valueTypes, Func<IOperation, bool>? valueShapes = null)
        {
            this.valueTypes = valueTypes;
            this.valueShapes = valueShapes;
            messageTypes = new MessageTypes(symbols);
            binaryWriter = symbols.Get("System.IO.BinaryWriter");
            bitConverter = symbols.Get("System.BitConverter");
            binaryPrimitives = symbols.Get("System.Buffers.Binary.BinaryPrimitives");
            jsonContent = symbols.Get("System.Net.Http.Json.JsonContent");
            jsonSerializer = symbols.Get("System.Text.Json.JsonSerializer");
            unfiltered = valueShapes is null ? this : new ProcessBoundary(this);
        }

        /// <summary>The same boundary without the value-shape filter (shares the resolved symbols).</summary>
        private ProcessBoundary(ProcessBoundary filtered)
        {
            valueTypes = filtered.valueTypes;
            valueShapes = null;
            messageTypes = filtered.messageTypes;
            binaryWriter = filtered.binaryWriter;
            bitConverter = filtered.bitConverter;
            binaryPrimitives = filtered.binaryPrimitives;
            jsonContent = filtered.jsonContent;
            jsonSerializer = filtered.jsonSerializer;
            unfiltered = this;
        }

        public MessageTypes MessageTypes => messageTypes;

        /// <summary>
        /// A cheap necessary condition for <see cref="StoresOf"/> to find a store in <paramref name="operation"/>: the
        /// operation's shape, the stored value's type (and shape, when the rule gave one) and, for calls, the method
        /// name. Touches no attribute, base type or option.
        /// </summary>
        public bool MayStore(IOperation operation)
        {
            // Switch on Kind (one virtual call) rather than on interfaces (a type test per case).
            switch (operation.Kind)
            {
                case OperationKind.SimpleAssignment:
                    var assignment = (ISimpleAssignmentOperation)operation;
                    var target = assignment.Target;
                    return (target.Kind == OperationKind.FieldReference
                            || (target.Kind == OperationKind.PropertyReference && ((IPropertyReferenceOperation)target).Arguments.IsEmpty))
                        && Wanted(assignment.Value);
                case OperationKind.FieldInitializer:
                    return Wanted(((IFieldInitializerOperation)operation).Value);
                case OperationKind.PropertyInitializer:
                    return Wanted(((IPropertyInitializerOperation)operation).Value);
                case OperationKind.ObjectCreation:
                    return AnyWantedArgument((IObjectCreationOperation)operation);
                case OperationKind.Invocation:
                    // The calls WriteStores looks at: Write (BinaryWriter and derived types), BitConverter.GetBytes,
                    // BinaryPrimitives.Write*, JsonContent.Create, JsonSerializer.Serialize* (names compared before symbols).
                    var invocation = (IInvocationOperation)operation;
                    if (invocation.Arguments.IsEmpty)
                    {
                        return false;
                    }

                    var method = invocation.TargetMethod;
                    var name = method.Name;
                    if (name == "Write")
                    {
                        return true;
                    }

                    var typeName = method.ContainingType?.Name;
                    return (name == "GetBytes" && typeName == "BitConverter")
                        || (name == "Create" && typeName == "JsonContent")
                        || (typeName == "BinaryPrimitives" && name.StartsWith("Write", StringComparison.Ordinal))
                        || (typeName == "JsonSerializer" && name.StartsWith("Serialize", StringComparison.Ordinal));
                default:
                    return false;
            }
        }

        /// <summary>
        /// The stores made by <paramref name="operation"/> (one of <see cref="StoreKinds"/>). Members carrying an
        /// <paramref name="excludedMemberWords"/> word are left out.
        /// </summary>
        public void StoresOf(IOperation operation, WordList messageWords, WordList testDoubleWords, WordList excludedMemberWords, List<BoundaryStore> into)
        {
            switch (operation)
            {
                case ISimpleAssignmentOperation assignment:
                    AssignmentStore(assignment, messageWords, testDoubleWords, excludedMemberWords, into);
                    break;
                case IFieldInitializerOperation fieldInitializer:
                    foreach (var field in fieldInitializer.InitializedFields)
                    {
                        MemberStore(field.ContainingType, field, field.Type, fieldInitializer.Value, messageWords, testDoubleWords, excludedMemberWords, into);
                    }

                    break;
                case IPropertyInitializerOperation propertyInitializer:
                    foreach (var property in propertyInitializer.InitializedProperties)
                    {
                        MemberStore(property.ContainingType, property, property.Type, propertyInitializer.Value, messageWords, testDoubleWords, excludedMemberWords, into);
                    }

                    break;
                case IObjectCreationOperation creation:
                    if (AnyWantedArgument(creation) && creation.Type is { } created && messageTypes.IsMessageType(created, messageWords, testDoubleWords))
                    {
                        ConstructorArgumentStores(creation, excludedMemberWords, into, requireMessage: true, messageWords, testDoubleWords);
                    }

                    break;
                case IInvocationOperation invocation:
                    WriteStores(invocation, messageWords, testDoubleWords, excludedMemberWords, into);
                    break;
            }
        }

        /// <summary>
        /// Whether <paramref name="value"/> (a local reference, say) is, possibly through conversions, the value of
        /// a store.
        /// </summary>
        public bool IsStoredValue(IOperation value, WordList messageWords, WordList testDoubleWords, WordList excludedMemberWords) =>
            unfiltered.IsStoredValueCore(value, messageWords, testDoubleWords, excludedMemberWords);

        private bool IsStoredValueCore(IOperation value, WordList messageWords, WordList testDoubleWords, WordList excludedMemberWords)
        {
            var stores = new List<BoundaryStore>(2);
            var current = ClimbConversions(value);
            var parent = current.Parent;
            switch (parent)
            {
                case ISimpleAssignmentOperation assignment when assignment.Value == current:
                    if (Contains(assignment, current, stores, messageWords, testDoubleWords, excludedMemberWords))
                    {
                        return true;
                    }

                    // A member of an object or anonymous object that is serialized right here.
                    var creation = assignment.Parent is IObjectOrCollectionInitializerOperation initializer ? initializer.Parent : assignment.Parent as IAnonymousObjectCreationOperation;
                    return creation is not null && SerializedHere(creation, current, stores, messageWords, testDoubleWords, excludedMemberWords);
                case IFieldInitializerOperation or IPropertyInitializerOperation:
                    return Contains(parent, current, stores, messageWords, testDoubleWords, excludedMemberWords);
                case IArgumentOperation argument when argument.Parent is { } owner:
                    if (Contains(owner, current, stores, messageWords, testDoubleWords, excludedMemberWords))
                    {
                        return true;
                    }

                    return owner is IObjectCreationOperation && SerializedHere(owner, current, stores, messageWords, testDoubleWords, excludedMemberWords);
                default:
                    return false;
            }
        }

        private bool SerializedHere(IOperation creation, IOperation value, List<BoundaryStore> stores, WordList messageWords, WordList testDoubleWords, WordList excluded)
        {
            var current = ClimbConversions(creation);
            return current.Parent is IArgumentOperation { Parent: IInvocationOperation invocation }
                && Contains(invocation, value, stores, messageWords, testDoubleWords, excluded);
        }

        private bool Contains(IOperation owner, IOperation value, List<BoundaryStore> stores, WordList messageWords, WordList testDoubleWords, WordList excluded)
        {
            stores.Clear();
            StoresOf(owner, messageWords, testDoubleWords, excluded, stores);
            foreach (var store in stores)
            {
                if (store.Value == value)
                {
                    return true;
                }
            }

            return false;
        }

        private static IOperation ClimbConversions(IOperation operation)
        {
            var current = operation;
            for (var i = 0; i < MaxClimb && current.Parent is IConversionOperation conversion; i++)
            {
                current = conversion;
            }

            return current;
        }

        private bool Wanted(IOperation? value) => value is not null && (valueShapes is null || valueShapes(value)) && value.Type is { } type && valueTypes(
            type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments.Length: 1 } nullable ? nullable.TypeArguments[0] : type);

        private void AssignmentStore(ISimpleAssignmentOperation assignment, WordList messageWords, WordList testDoubleWords, WordList excluded, List<BoundaryStore> into)
        {
            if (!Wanted(assignment.Value))
            {
                return;
            }

            ISymbol? member;
            IOperation? instance;
            ITypeSymbol? memberType;
            switch (assignment.Target)
            {
                case IPropertyReferenceOperation property when property.Arguments.IsEmpty:
                    member = property.Property;
                    instance = property.Instance;
                    memberType = property.Property.Type;
                    break;
                case IFieldReferenceOperation field:
                    member = field.Field;
                    instance = field.Instance;
                    memberType = field.Field.Type;
                    break;
                default:
                    return;
            }

            var type = instance?.Type ?? member.ContainingType;
            if (type is null || type.IsAnonymousType)
            {
                return;
            }

            MemberStore(type, member, memberType, assignment.Value, messageWords, testDoubleWords, excluded, into);
        }

        private void MemberStore(ITypeSymbol? type, ISymbol member, ITypeSymbol? memberType, IOperation? value, WordList messageWords, WordList testDoubleWords, WordList excluded, List<BoundaryStore> into)
        {
            if (value is null || type is null || !Wanted(value) || excluded.CarriedBy(member.Name))
            {
                return;
            }

            if (messageTypes.IsMessageStore(type, member, messageWords, testDoubleWords))
            {
                into.Add(new BoundaryStore(value, memberType, member.Name));
            }
        }

        private void ConstructorArgumentStores(IObjectCreationOperation creation, WordList excluded, List<BoundaryStore> into, bool requireMessage, WordList messageWords, WordList testDoubleWords)
        {
            var type = creation.Type;
            if (type is null)
            {
                return;
            }

            foreach (var argument in creation.Arguments)
            {
                var parameter = argument.Parameter;
                if (parameter is null || argument.IsImplicit || argument.ArgumentKind != ArgumentKind.Explicit || !Wanted(argument.Value))
                {
                    continue;
                }

                var member = FindMember(type, parameter.Name);
                if (member is null || excluded.CarriedBy(member.Name))
                {
                    continue;
                }

                if (!requireMessage || messageTypes.IsMessageStore(type, member, messageWords, testDoubleWords))
                {
                    into.Add(new BoundaryStore(argument.Value, parameter.Type, member.Name));
                }
            }
        }

        /// <summary>An instance property or field of <paramref name="type"/> (or a base type) whose name equals <paramref name="name"/> ignoring case.</summary>
        private static ISymbol? FindMember(ITypeSymbol type, string name)
        {
            if (string.IsNullOrEmpty(name))
            {
                return null;
            }

            var depth = 0;
            for (var t = type; t is not null && depth < 16; t = t.BaseType, depth++)
            {
                foreach (var candidate in t.GetMembers())
                {
                    if (candidate.IsStatic || candidate.IsImplicitlyDeclared && candidate is IFieldSymbol)
                    {
                        continue;
                    }

                    if ((candidate is IPropertySymbol { IsIndexer: false } || candidate is IFieldSymbol)
                        && string.Equals(candidate.Name, name, StringComparison.OrdinalIgnoreCase))
                    {
                        return candidate;
                    }
                }
            }

            return null;
        }

        private void WriteStores(IInvocationOperation invocation, WordList messageWords, WordList testDoubleWords, WordList excluded, List<BoundaryStore> into)
        {
            var method = invocation.TargetMethod;
            var containing = method.ContainingType;
            if (containing is null)
            {
                return;
            }

            if (binaryWriter is not null && method.Name == "Write" && invocation.Arguments.Length == 1 && DerivesFrom(containing, binaryWriter))
            {
                AddArgument(invocation.Arguments[0], into);
                return;
            }

            if (bitConverter is not null && method.Name == "GetBytes" && invocation.Arguments.Length == 1 && SymbolEqualityComparer.Default.Equals(containing, bitConverter))
            {
                AddArgument(invocation.Arguments[0], into);
                return;
            }

            if (binaryPrimitives is not null && method.Name.StartsWith("Write", StringComparison.Ordinal) && SymbolEqualityComparer.Default.Equals(containing, binaryPrimitives))
            {
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter?.Name == "value")
                    {
                        AddArgument(argument, into);
                    }
                }

                return;
            }

            var isJsonContent = jsonContent is not null && method.Name == "Create" && SymbolEqualityComparer.Default.Equals(containing, jsonContent);
            var isSerializer = jsonSerializer is not null && method.Name.StartsWith("Serialize", StringComparison.Ordinal) && SymbolEqualityComparer.Default.Equals(containing, jsonSerializer);
            if (!isJsonContent && !isSerializer)
            {
                return;
            }

            foreach (var argument in invocation.Arguments)
            {
                var parameter = argument.Parameter;
                if (parameter is null || (isJsonContent ? parameter.Ordinal != 0 : parameter.Name != "value"))
                {
                    continue;
                }

                AddArgument(argument, into);
                switch (LocalFlow.Unwrap(argument.Value))
                {
                    case IAnonymousObjectCreationOperation anonymous:
                        foreach (var initializer in anonymous.Initializers)
                        {
                            if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment
                                && Wanted(assignment.Value) && !excluded.CarriedBy(property.Property.Name))
                            {
                                into.Add(new BoundaryStore(assignment.Value, property.Property.Type, property.Property.Name));
                            }
                        }

                        break;
                    case IObjectCreationOperation creation when creation.Type is { } type && !messageTypes.IsMessageType(type, messageWords, testDoubleWords):
                        // Members of a non-message object that is serialized right here (message types are covered as stores).
                        ConstructorArgumentStores(creation, excluded, into, requireMessage: false, messageWords, testDoubleWords);
                        if (creation.Initializer is { } objectInitializer)
                        {
                            foreach (var initializer in objectInitializer.Initializers)
                            {
                                if (initializer is ISimpleAssignmentOperation assignment)
                                {
                                    var (member, memberType) = assignment.Target switch
                                    {
                                        IPropertyReferenceOperation p => ((ISymbol?)p.Property, (ITypeSymbol?)p.Property.Type),
                                        IFieldReferenceOperation f => (f.Field, f.Field.Type),
                                        _ => (null, null),
                                    };
                                    if (member is not null && Wanted(assignment.Value) && !excluded.CarriedBy(member.Name))
                                    {
                                        into.Add(new BoundaryStore(assignment.Value, memberType, member.Name));
                                    }
                                }
                            }
                        }

                        break;
                }
            }
        }

        private bool AnyWantedArgument(IObjectCreationOperation creation)
        {
            foreach (var argument in creation.Arguments)
            {
                if (Wanted(argument.Value))
                {
                    return true;
                }
            }

            return false;
        }

        private void AddArgument(IArgumentOperation argument, List<BoundaryStore> into)
        {
            if (!argument.IsImplicit && argument.ArgumentKind == ArgumentKind.Explicit && Wanted(argument.Value))
            {
                into.Add(new BoundaryStore(argument.Value, argument.Parameter?.Type, null));
            }
        }

        private static bool DerivesFrom(INamedTypeSymbol type, INamedTypeSymbol baseType)
        {
            var depth = 0;
            for (INamedTypeSymbol? t = type; t is not null && depth < 32; t = t.BaseType, depth++)
            {
                if (SymbolEqualityComparer.Default.Equals(t, baseType))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
