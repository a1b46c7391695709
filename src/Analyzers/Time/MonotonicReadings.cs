using System;
using System.Collections.Concurrent;
using DistAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace DistAnalyzers.Time
{
    /// <summary>
    /// The monotonic readings of DIST101, matched by symbol: <c>Stopwatch.GetTimestamp()</c>,
    /// <c>Environment.TickCount</c>/<c>TickCount64</c>, <c>TimeProvider.GetTimestamp()</c>, and
    /// <c>Elapsed</c>/<c>ElapsedMilliseconds</c>/<c>ElapsedTicks</c> of a process-wide stopwatch (a
    /// <c>static readonly</c> <c>Stopwatch</c> field on which its type never calls <c>Reset</c>, <c>Restart</c> or
    /// <c>Stop</c>).
    /// </summary>
    internal sealed class MonotonicReadings
    {
        private readonly INamedTypeSymbol? stopwatch;
        private readonly INamedTypeSymbol? environment;
        private readonly INamedTypeSymbol? timeProvider;
        private readonly ConcurrentDictionary<IFieldSymbol, bool> processWide = new ConcurrentDictionary<IFieldSymbol, bool>(SymbolEqualityComparer.Default);

        public MonotonicReadings(KnownSymbols symbols)
        {
            stopwatch = symbols.Get("System.Diagnostics.Stopwatch");
            environment = symbols.Get("System.Environment");
            timeProvider = symbols.Get("System.TimeProvider");
        }

        /// <summary>Whether <paramref name="operation"/> is a monotonic reading.</summary>
        public bool IsReading(IOperation operation)
        {
            switch (operation)
            {
                case IInvocationOperation invocation:
                    return IsGetTimestamp(invocation);
                case IPropertyReferenceOperation property:
                    var p = property.Property;
                    if (environment is not null && p.IsStatic && (p.Name == "TickCount" || p.Name == "TickCount64")
                        && SymbolEqualityComparer.Default.Equals(p.ContainingType, environment))
                    {
                        return true;
                    }

                    return IsStopwatchElapsed(property) && property.Instance is IFieldReferenceOperation field && IsProcessWide(field.Field);
                default:
                    return false;
            }
        }

        /// <summary>Whether the reading is a <c>TimeProvider.GetTimestamp()</c> call.</summary>
        public bool IsTimeProviderTimestamp(IOperation operation) =>
            operation is IInvocationOperation invocation && timeProvider is not null && invocation.TargetMethod.Name == "GetTimestamp"
            && !invocation.TargetMethod.IsStatic && DerivesFrom(invocation.TargetMethod.ContainingType, timeProvider);

        /// <summary>
        /// A raw tick duration: the difference of two <c>GetTimestamp()</c> readings (each directly or through a
        /// local), or <c>ElapsedTicks</c> of a stopwatch that is not process-wide.
        /// </summary>
        public bool IsRawTickDuration(IOperation operation)
        {
            switch (operation)
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Subtract } binary:
                    return LocalFlow.Traces(binary.LeftOperand, IsGetTimestampOperation) && LocalFlow.Traces(binary.RightOperand, IsGetTimestampOperation);
                case IPropertyReferenceOperation property when property.Property.Name == "ElapsedTicks" && IsStopwatchElapsed(property):
                    return !(property.Instance is IFieldReferenceOperation field && IsProcessWide(field.Field));
                default:
                    return false;
            }
        }

        private bool IsGetTimestampOperation(IOperation operation) => operation is IInvocationOperation invocation && IsGetTimestamp(invocation);

        private bool IsGetTimestamp(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (method.Name != "GetTimestamp")
            {
                return false;
            }

            if (method.IsStatic)
            {
                return stopwatch is not null && SymbolEqualityComparer.Default.Equals(method.ContainingType, stopwatch);
            }

            return timeProvider is not null && DerivesFrom(method.ContainingType, timeProvider);
        }

        private bool IsStopwatchElapsed(IPropertyReferenceOperation property)
        {
            var p = property.Property;
            return stopwatch is not null && !p.IsStatic
                && (p.Name == "Elapsed" || p.Name == "ElapsedMilliseconds" || p.Name == "ElapsedTicks")
                && SymbolEqualityComparer.Default.Equals(p.ContainingType, stopwatch);
        }

        /// <summary>A <c>static readonly</c> <c>Stopwatch</c> field on which its type never calls <c>Reset</c>, <c>Restart</c> or <c>Stop</c>.</summary>
        public bool IsProcessWide(IFieldSymbol field)
        {
            if (!field.IsStatic || !field.IsReadOnly || stopwatch is null || !SymbolEqualityComparer.Default.Equals(field.Type, stopwatch))
            {
                return false;
            }

            return processWide.GetOrAdd(field, f => !TypeStopsField(f));
        }

        /// <summary>A syntax scan of every declaration of the field's type for <c>field.Reset()</c>, <c>.Restart()</c> or <c>.Stop()</c>.</summary>
        private static bool TypeStopsField(IFieldSymbol field)
        {
            var type = field.ContainingType;
            if (type is null)
            {
                return true;
            }

            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                var node = reference.GetSyntax();
                foreach (var descendant in node.DescendantNodes())
                {
                    if (descendant is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }
                        && access.Name.Identifier.ValueText is "Reset" or "Restart" or "Stop"
                        && LastName(access.Expression) == field.Name)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static string? LastName(ExpressionSyntax expression) => expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            ParenthesizedExpressionSyntax parenthesized => LastName(parenthesized.Expression),
            _ => null,
        };

        private static bool DerivesFrom(INamedTypeSymbol? type, INamedTypeSymbol baseType)
        {
            var depth = 0;
            for (var t = type; t is not null && depth < 32; t = t.BaseType, depth++)
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
