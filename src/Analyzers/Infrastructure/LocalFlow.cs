using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DistAnalyzers.Infrastructure
{
    /// <summary>
    /// "X, directly or through a local" (RULES.md, "Through a local"). Directly: X itself, X ± a duration, or a
    /// conversion of one (<c>checked</c>/<c>unchecked</c> and parentheses are transparent in IOperation). Through a
    /// local: a local every assignment to which, in the member, is such a value or another such local. Tracking
    /// ends at other arithmetic, calls, tuples, <c>out</c>/<c>ref</c>, and locals written by a lambda or local
    /// function; it never goes through fields, parameters or return values.
    /// </summary>
    public static class LocalFlow
    {
        private const int MaxDepth = 16;
        private static readonly ConditionalWeakTable<IOperation, LocalIndex> Indexes = new ConditionalWeakTable<IOperation, LocalIndex>();

        /// <summary>The outermost operation of the member that holds <paramref name="operation"/>.</summary>
        public static IOperation Root(IOperation operation)
        {
            var current = operation;
            while (current.Parent is { } parent)
            {
                current = parent;
            }

            return current;
        }

        /// <summary>Writes and reads of every local in the member that holds <paramref name="operation"/>; built once per member.</summary>
        public static LocalIndex IndexFor(IOperation operation) => Indexes.GetValue(Root(operation), r => new LocalIndex(r));

        /// <summary>Removes implicit and explicit conversions and parentheses.</summary>
        public static IOperation Unwrap(IOperation operation)
        {
            // Fast path: most operations are neither (one virtual call instead of two interface tests).
            if (operation.Kind is not (OperationKind.Conversion or OperationKind.Parenthesized))
            {
                return operation;
            }

            var current = operation;
            while (true)
            {
                switch (current)
                {
                    case IConversionOperation { Operand: { } operand } conversion when !conversion.OperatorMethodIsUserDefined():
                        current = operand;
                        continue;
                    case IParenthesizedOperation { Operand: { } inner }:
                        current = inner;
                        continue;
                    default:
                        return current;
                }
            }
        }

        /// <summary>
        /// Whether <paramref name="value"/> is, directly or through a local, an operation for which
        /// <paramref name="isSource"/> holds; <paramref name="source"/> is the first such operation found.
        /// </summary>
        public static bool Traces(IOperation? value, Func<IOperation, bool> isSource, out IOperation? source)
        {
            source = null;
            if (value is null)
            {
                return false;
            }

            return Traces(value, isSource, null, 0, ref source, allowOffsets: true);
        }

        public static bool Traces(IOperation? value, Func<IOperation, bool> isSource) => Traces(value, isSource, out _);

        /// <summary>
        /// Like <see cref="Traces(IOperation?, Func{IOperation, bool}, out IOperation?)"/> but without the
        /// "± a duration" step: only the value itself, conversions of it, or locals holding it. For sources that
        /// are values rather than readings (a half form <c>n / 2</c>: <c>n / 2 + 1</c> is another value).
        /// </summary>
        public static bool TracesExactly(IOperation? value, Func<IOperation, bool> isSource, out IOperation? source)
        {
            source = null;
            return value is not null && Traces(value, isSource, null, 0, ref source, allowOffsets: false);
        }

        private static bool Traces(IOperation value, Func<IOperation, bool> isSource, HashSet<ILocalSymbol>? visiting, int depth, ref IOperation? source, bool allowOffsets)
        {
            if (depth > MaxDepth)
            {
                return false;
            }

            var op = Unwrap(value);
            if (isSource(op))
            {
                source ??= op;
                return true;
            }

            switch (op)
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract } binary when allowOffsets:
                    if (IsDuration(binary.RightOperand, isSource, depth) && Traces(binary.LeftOperand, isSource, visiting, depth + 1, ref source, allowOffsets))
                    {
                        return true;
                    }

                    return binary.OperatorKind == BinaryOperatorKind.Add
                        && IsDuration(binary.LeftOperand, isSource, depth)
                        && Traces(binary.RightOperand, isSource, visiting, depth + 1, ref source, allowOffsets);

                case ILocalReferenceOperation reference:
                    var local = reference.Local;
                    var index = IndexFor(reference);
                    if (index.IsUntracked(local))
                    {
                        return false;
                    }

                    var values = index.ValuesAssignedTo(local);
                    if (values.Count == 0)
                    {
                        return false;
                    }

                    visiting ??= new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
                    if (!visiting.Add(local))
                    {
                        // A cycle (x = x + d): holds if the other assignments hold.
                        return true;
                    }

                    foreach (var assigned in values)
                    {
                        if (!Traces(assigned, isSource, visiting, depth + 1, ref source, allowOffsets))
                        {
                            visiting.Remove(local);
                            return false;
                        }
                    }

                    visiting.Remove(local);
                    return true;

                default:
                    return false;
            }
        }

        /// <summary>A duration: a <c>TimeSpan</c>, or an integer that is not itself a source value.</summary>
        private static bool IsDuration(IOperation operand, Func<IOperation, bool> isSource, int depth)
        {
            var type = operand.Type;
            if (type is null)
            {
                return false;
            }

            if (type.Name == "TimeSpan" && type.ContainingNamespace?.Name == "System")
            {
                return true;
            }

            if (!IsInteger(type))
            {
                return false;
            }

            IOperation? ignored = null;
            return !Traces(operand, isSource, null, depth + 1, ref ignored, allowOffsets: true);
        }

        private static bool IsInteger(ITypeSymbol type)
        {
            switch (type.SpecialType)
            {
                case SpecialType.System_Int16:
                case SpecialType.System_Int32:
                case SpecialType.System_Int64:
                case SpecialType.System_UInt16:
                case SpecialType.System_UInt32:
                case SpecialType.System_UInt64:
                case SpecialType.System_Byte:
                case SpecialType.System_SByte:
                    return true;
                default:
                    return false;
            }
        }

        private static bool OperatorMethodIsUserDefined(this IConversionOperation conversion) => conversion.OperatorMethod is not null;
    }

    /// <summary>Every assignment to and read of each local of one member.</summary>
    public sealed class LocalIndex
    {
        private static readonly IReadOnlyList<IOperation> NoValues = Array.Empty<IOperation>();
        private static readonly IReadOnlyList<ILocalReferenceOperation> NoReads = Array.Empty<ILocalReferenceOperation>();
        private readonly Dictionary<ILocalSymbol, List<IOperation>> assigned = new Dictionary<ILocalSymbol, List<IOperation>>(SymbolEqualityComparer.Default);
        private readonly Dictionary<ILocalSymbol, List<ILocalReferenceOperation>> reads = new Dictionary<ILocalSymbol, List<ILocalReferenceOperation>>(SymbolEqualityComparer.Default);
        private readonly HashSet<ILocalSymbol> untracked = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);

        internal LocalIndex(IOperation root)
        {
            var stack = new Stack<(IOperation Op, IOperation? Function)>();
            stack.Push((root, null));
            while (stack.Count > 0)
            {
                var (op, function) = stack.Pop();
                Visit(op, function);
                var inner = op is IAnonymousFunctionOperation or ILocalFunctionOperation ? op : function;
                foreach (var child in op.ChildOperations)
                {
                    if (child is not null)
                    {
                        stack.Push((child, inner));
                    }
                }
            }
        }

        /// <summary>Whether tracking through this local has ended (written by other arithmetic, <c>out</c>/<c>ref</c>, a tuple, or a lambda).</summary>
        public bool IsUntracked(ILocalSymbol local) => untracked.Contains(local) || local.IsRef;

        /// <summary>The values assigned to the local (its initializer and every simple assignment).</summary>
        public IReadOnlyList<IOperation> ValuesAssignedTo(ILocalSymbol local) => assigned.TryGetValue(local, out var list) ? list : NoValues;

        /// <summary>The references that read the local (not the targets of its assignments).</summary>
        public IReadOnlyList<ILocalReferenceOperation> ReadsOf(ILocalSymbol local) => reads.TryGetValue(local, out var list) ? list : NoReads;

        private void Visit(IOperation op, IOperation? function)
        {
            switch (op)
            {
                case IVariableDeclaratorOperation { Initializer.Value: { } init } declarator:
                    Add(assigned, declarator.Symbol, init);
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment:
                    Add(assigned, target.Local, assignment.Value);
                    if (function is not null && !DeclaredInside(target.Local, function))
                    {
                        untracked.Add(target.Local);
                    }

                    break;
                case ICompoundAssignmentOperation { Target: ILocalReferenceOperation target }:
                    untracked.Add(target.Local);
                    break;
                case IIncrementOrDecrementOperation { Target: ILocalReferenceOperation target }:
                    untracked.Add(target.Local);
                    break;
                case IDeconstructionAssignmentOperation deconstruction:
                    MarkAllLocals(deconstruction.Target);
                    break;
                case ILocalReferenceOperation reference:
                    if (reference.Parent is IArgumentOperation { Parameter.RefKind: RefKind.Out or RefKind.Ref })
                    {
                        untracked.Add(reference.Local);
                    }

                    if (reference.IsDeclaration)
                    {
                        untracked.Add(reference.Local);
                    }
                    else if (!IsWriteTarget(reference))
                    {
                        Add(reads, reference.Local, reference);
                    }

                    break;
            }
        }

        private static bool IsWriteTarget(ILocalReferenceOperation reference) =>
            reference.Parent is ISimpleAssignmentOperation simple && simple.Target == reference;

        private void MarkAllLocals(IOperation target)
        {
            foreach (var d in target.DescendantsAndSelf())
            {
                if (d is ILocalReferenceOperation local)
                {
                    untracked.Add(local.Local);
                }
            }
        }

        private static bool DeclaredInside(ILocalSymbol local, IOperation function)
        {
            var span = function.Syntax.Span;
            foreach (var reference in local.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree == function.Syntax.SyntaxTree && span.Contains(reference.Span))
                {
                    return true;
                }
            }

            return false;
        }

        private static void Add<T>(Dictionary<ILocalSymbol, List<T>> map, ILocalSymbol local, T value)
        {
            if (!map.TryGetValue(local, out var list))
            {
                list = new List<T>(2);
                map[local] = list;
            }

            list.Add(value);
        }
    }
}
