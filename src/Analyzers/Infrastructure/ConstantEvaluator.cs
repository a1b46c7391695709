using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace DistAnalyzers.Infrastructure
{
    /// <summary>The kind of a value the <see cref="ConstantEvaluator"/> found.</summary>
    public enum ConstantKind
    {
        Unknown,
        Integer,
        Real,
        TimeSpan,
    }

    /// <summary>A value known at compile time: an integer, a real number or a <see cref="System.TimeSpan"/>.</summary>
    public readonly struct Constant
    {
        private Constant(ConstantKind kind, long integer, double real, TimeSpan span)
        {
            Kind = kind;
            Integer = integer;
            Real = real;
            Span = span;
        }

        public static Constant Unknown => default;

        public ConstantKind Kind { get; }

        public bool IsKnown => Kind != ConstantKind.Unknown;

        public long Integer { get; }

        /// <summary>The number as a double (integers converted).</summary>
        public double Real { get; }

        public TimeSpan Span { get; }

        public bool IsNumber => Kind == ConstantKind.Integer || Kind == ConstantKind.Real;

        public static Constant FromInteger(long value) => new Constant(ConstantKind.Integer, value, value, default);

        public static Constant FromReal(double value) =>
            double.IsNaN(value) || double.IsInfinity(value) ? Unknown : new Constant(ConstantKind.Real, 0, value, default);

        public static Constant FromTimeSpan(TimeSpan value) => new Constant(ConstantKind.TimeSpan, 0, 0, value);

        public override string ToString() => Kind switch
        {
            ConstantKind.Integer => Integer.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ConstantKind.Real => Real.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ConstantKind.TimeSpan => Span.ToString(),
            _ => "unknown",
        };
    }

    /// <summary>
    /// Evaluates compile-time values: literals, <c>const</c>, <c>static readonly</c> fields with constant
    /// initializers, simple arithmetic (<c>+ - * / %</c>, unary minus, casts), <c>TimeSpan.FromX(const)</c>,
    /// <c>new TimeSpan(…)</c>, <c>TimeSpan.Zero</c> and <c>Timeout.InfiniteTimeSpan</c>. Anything else is
    /// <see cref="Constant.Unknown"/>. Depth is bounded so deeply nested expressions cost nothing.
    /// </summary>
    public static class ConstantEvaluator
    {
        private const int MaxDepth = 24;

        public static Constant Evaluate(IOperation? operation) => Evaluate(operation, 0);

        public static bool TryGetInteger(IOperation? operation, out long value)
        {
            var c = Evaluate(operation);
            value = c.Kind == ConstantKind.Integer ? c.Integer : 0;
            return c.Kind == ConstantKind.Integer;
        }

        public static bool TryGetNumber(IOperation? operation, out double value)
        {
            var c = Evaluate(operation);
            value = c.IsNumber ? c.Real : 0;
            return c.IsNumber;
        }

        public static bool TryGetTimeSpan(IOperation? operation, out TimeSpan value)
        {
            var c = Evaluate(operation);
            value = c.Kind == ConstantKind.TimeSpan ? c.Span : default;
            return c.Kind == ConstantKind.TimeSpan;
        }

        private static Constant Evaluate(IOperation? operation, int depth)
        {
            if (operation is null || depth > MaxDepth)
            {
                return Constant.Unknown;
            }

            if (operation.ConstantValue.HasValue)
            {
                return FromObject(operation.ConstantValue.Value);
            }

            switch (operation)
            {
                case IConversionOperation conversion:
                    return Convert(Evaluate(conversion.Operand, depth + 1), conversion.Type);
                case IParenthesizedOperation parenthesized:
                    return Evaluate(parenthesized.Operand, depth + 1);
                case IFieldReferenceOperation fieldReference:
                    return EvaluateField(fieldReference, depth);
                case IUnaryOperation unary:
                    return Unary(unary.OperatorKind, Evaluate(unary.Operand, depth + 1));
                case IBinaryOperation binary:
                    return FitsType(Binary(binary.OperatorKind, Evaluate(binary.LeftOperand, depth + 1), Evaluate(binary.RightOperand, depth + 1)), binary.Type);
                case IInvocationOperation invocation:
                    return EvaluateTimeSpanFactory(invocation, depth);
                case IObjectCreationOperation creation:
                    return EvaluateTimeSpanConstructor(creation, depth);
                default:
                    return Constant.Unknown;
            }
        }

        private static Constant EvaluateField(IFieldReferenceOperation reference, int depth)
        {
            var field = reference.Field;
            if (field.IsConst && field.HasConstantValue)
            {
                return FromObject(field.ConstantValue);
            }

            var type = field.ContainingType;
            if (field.IsStatic && type is not null)
            {
                if (IsType(type, "System", "TimeSpan") && field.Name == "Zero")
                {
                    return Constant.FromTimeSpan(TimeSpan.Zero);
                }

                if (IsType(type, "System.Threading", "Timeout") && field.Name == "InfiniteTimeSpan")
                {
                    return Constant.FromTimeSpan(TimeSpan.FromMilliseconds(-1));
                }
            }

            if (!field.IsStatic || !field.IsReadOnly)
            {
                return Constant.Unknown;
            }

            foreach (var reference2 in field.DeclaringSyntaxReferences)
            {
                if (reference2.GetSyntax() is not VariableDeclaratorSyntax { Initializer.Value: { } value })
                {
                    continue;
                }

                var model = reference.SemanticModel;
                if (model is not null && model.SyntaxTree == value.SyntaxTree)
                {
                    return Evaluate(model.GetOperation(value), depth + 1);
                }

                // Another file: literals and arithmetic only (no semantic model is bound for other trees).
                return EvaluateSyntax(value, depth + 1);
            }

            return Constant.Unknown;
        }

        private static Constant EvaluateTimeSpanFactory(IInvocationOperation invocation, int depth)
        {
            var method = invocation.TargetMethod;
            if (!method.IsStatic || !IsType(method.ContainingType, "System", "TimeSpan"))
            {
                return Constant.Unknown;
            }

            long[]? units = method.Name switch
            {
                "FromDays" => new[] { TimeSpan.TicksPerDay, TimeSpan.TicksPerHour, TimeSpan.TicksPerMinute, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMillisecond, 10L },
                "FromHours" => new[] { TimeSpan.TicksPerHour, TimeSpan.TicksPerMinute, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMillisecond, 10L },
                "FromMinutes" => new[] { TimeSpan.TicksPerMinute, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMillisecond, 10L },
                "FromSeconds" => new[] { TimeSpan.TicksPerSecond, TimeSpan.TicksPerMillisecond, 10L },
                "FromMilliseconds" => new[] { TimeSpan.TicksPerMillisecond, 10L },
                "FromMicroseconds" => new[] { 10L },
                "FromTicks" => new[] { 1L },
                _ => null,
            };
            return units is null ? Constant.Unknown : SumOfUnits(invocation.Arguments, units, depth);
        }

        private static Constant EvaluateTimeSpanConstructor(IObjectCreationOperation creation, int depth)
        {
            if (creation.Constructor is not { } ctor || !IsType(ctor.ContainingType, "System", "TimeSpan"))
            {
                return Constant.Unknown;
            }

            long[]? units = creation.Arguments.Length switch
            {
                1 => new[] { 1L },
                3 => new[] { TimeSpan.TicksPerHour, TimeSpan.TicksPerMinute, TimeSpan.TicksPerSecond },
                4 => new[] { TimeSpan.TicksPerDay, TimeSpan.TicksPerHour, TimeSpan.TicksPerMinute, TimeSpan.TicksPerSecond },
                5 => new[] { TimeSpan.TicksPerDay, TimeSpan.TicksPerHour, TimeSpan.TicksPerMinute, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMillisecond },
                6 => new[] { TimeSpan.TicksPerDay, TimeSpan.TicksPerHour, TimeSpan.TicksPerMinute, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMillisecond, 10L },
                _ => null,
            };
            return units is null ? Constant.Unknown : SumOfUnits(creation.Arguments, units, depth);
        }

        private static Constant SumOfUnits(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, long[] units, int depth)
        {
            double ticks = 0;
            foreach (var argument in arguments)
            {
                var ordinal = argument.Parameter?.Ordinal ?? -1;
                if (ordinal < 0 || ordinal >= units.Length)
                {
                    return Constant.Unknown;
                }

                var value = Evaluate(argument.Value, depth + 1);
                if (!value.IsNumber)
                {
                    return Constant.Unknown;
                }

                ticks += value.Real * units[ordinal];
            }

            if (double.IsNaN(ticks) || ticks > TimeSpan.MaxValue.Ticks || ticks < TimeSpan.MinValue.Ticks)
            {
                return Constant.Unknown;
            }

            return Constant.FromTimeSpan(TimeSpan.FromTicks((long)Math.Round(ticks)));
        }

        /// <summary>Literals, parentheses, unary minus, casts and arithmetic, without a semantic model.</summary>
        private static Constant EvaluateSyntax(ExpressionSyntax? syntax, int depth)
        {
            if (syntax is null || depth > MaxDepth)
            {
                return Constant.Unknown;
            }

            switch (syntax)
            {
                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.NumericLiteralExpression):
                    return FromObject(literal.Token.Value);
                case ParenthesizedExpressionSyntax parenthesized:
                    return EvaluateSyntax(parenthesized.Expression, depth + 1);
                case CastExpressionSyntax cast:
                    return EvaluateSyntax(cast.Expression, depth + 1);
                case PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.UnaryMinusExpression):
                    return Unary(UnaryOperatorKind.Minus, EvaluateSyntax(prefix.Operand, depth + 1));
                case PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.UnaryPlusExpression):
                    return EvaluateSyntax(prefix.Operand, depth + 1);
                case BinaryExpressionSyntax binary:
                    var kind = binary.Kind() switch
                    {
                        SyntaxKind.AddExpression => BinaryOperatorKind.Add,
                        SyntaxKind.SubtractExpression => BinaryOperatorKind.Subtract,
                        SyntaxKind.MultiplyExpression => BinaryOperatorKind.Multiply,
                        SyntaxKind.DivideExpression => BinaryOperatorKind.Divide,
                        SyntaxKind.ModuloExpression => BinaryOperatorKind.Remainder,
                        _ => BinaryOperatorKind.None,
                    };
                    return kind == BinaryOperatorKind.None
                        ? Constant.Unknown
                        : Binary(kind, EvaluateSyntax(binary.Left, depth + 1), EvaluateSyntax(binary.Right, depth + 1));
                default:
                    return Constant.Unknown;
            }
        }

        private static Constant FromObject(object? value) => value switch
        {
            int i => Constant.FromInteger(i),
            long l => Constant.FromInteger(l),
            short s => Constant.FromInteger(s),
            byte b => Constant.FromInteger(b),
            sbyte sb => Constant.FromInteger(sb),
            ushort us => Constant.FromInteger(us),
            uint ui => Constant.FromInteger(ui),
            ulong ul when ul <= long.MaxValue => Constant.FromInteger((long)ul),
            double d => Constant.FromReal(d),
            float f => Constant.FromReal(f),
            decimal m => Constant.FromReal((double)m),
            _ => Constant.Unknown,
        };

        /// <summary>An integer result outside its 32-bit type's range would wrap (or not compile): unknown.</summary>
        private static Constant FitsType(Constant value, ITypeSymbol? type)
        {
            if (value.Kind != ConstantKind.Integer || type is null)
            {
                return value;
            }

            switch (type.SpecialType)
            {
                case SpecialType.System_Int32:
                    return value.Integer >= int.MinValue && value.Integer <= int.MaxValue ? value : Constant.Unknown;
                case SpecialType.System_UInt32:
                    return value.Integer >= 0 && value.Integer <= uint.MaxValue ? value : Constant.Unknown;
                default:
                    return value;
            }
        }

        private static Constant Convert(Constant value, ITypeSymbol? target)
        {
            if (!value.IsKnown || target is null)
            {
                return value;
            }

            switch (target.SpecialType)
            {
                case SpecialType.System_Int32:
                case SpecialType.System_Int64:
                case SpecialType.System_Int16:
                case SpecialType.System_Byte:
                case SpecialType.System_UInt32:
                case SpecialType.System_UInt64:
                    if (value.Kind == ConstantKind.Real)
                    {
                        return value.Real >= long.MinValue && value.Real <= long.MaxValue ? Constant.FromInteger((long)value.Real) : Constant.Unknown;
                    }

                    return value;
                case SpecialType.System_Double:
                case SpecialType.System_Single:
                case SpecialType.System_Decimal:
                    return value.IsNumber ? Constant.FromReal(value.Real) : value;
                default:
                    return value;
            }
        }

        private static Constant Unary(UnaryOperatorKind kind, Constant operand)
        {
            if (!operand.IsKnown)
            {
                return Constant.Unknown;
            }

            switch (kind)
            {
                case UnaryOperatorKind.Plus:
                    return operand;
                case UnaryOperatorKind.Minus:
                    return operand.Kind switch
                    {
                        ConstantKind.Integer when operand.Integer != long.MinValue => Constant.FromInteger(-operand.Integer),
                        ConstantKind.Real => Constant.FromReal(-operand.Real),
                        ConstantKind.TimeSpan when operand.Span != TimeSpan.MinValue => Constant.FromTimeSpan(operand.Span.Negate()),
                        _ => Constant.Unknown,
                    };
                default:
                    return Constant.Unknown;
            }
        }

        private static Constant Binary(BinaryOperatorKind kind, Constant left, Constant right)
        {
            if (!left.IsKnown || !right.IsKnown)
            {
                return Constant.Unknown;
            }

            try
            {
                if (left.Kind == ConstantKind.Integer && right.Kind == ConstantKind.Integer)
                {
                    long a = left.Integer, b = right.Integer;
                    return kind switch
                    {
                        BinaryOperatorKind.Add => Constant.FromInteger(checked(a + b)),
                        BinaryOperatorKind.Subtract => Constant.FromInteger(checked(a - b)),
                        BinaryOperatorKind.Multiply => Constant.FromInteger(checked(a * b)),
                        BinaryOperatorKind.Divide when b != 0 => Constant.FromInteger(a / b),
                        BinaryOperatorKind.Remainder when b != 0 => Constant.FromInteger(a % b),
                        _ => Constant.Unknown,
                    };
                }

                if (left.IsNumber && right.IsNumber)
                {
                    double a = left.Real, b = right.Real;
                    return kind switch
                    {
                        BinaryOperatorKind.Add => Constant.FromReal(a + b),
                        BinaryOperatorKind.Subtract => Constant.FromReal(a - b),
                        BinaryOperatorKind.Multiply => Constant.FromReal(a * b),
                        BinaryOperatorKind.Divide when b != 0 => Constant.FromReal(a / b),
                        _ => Constant.Unknown,
                    };
                }

                if (left.Kind == ConstantKind.TimeSpan && right.Kind == ConstantKind.TimeSpan)
                {
                    return kind switch
                    {
                        BinaryOperatorKind.Add => Constant.FromTimeSpan(left.Span + right.Span),
                        BinaryOperatorKind.Subtract => Constant.FromTimeSpan(left.Span - right.Span),
                        _ => Constant.Unknown,
                    };
                }

                if (left.Kind == ConstantKind.TimeSpan && right.IsNumber)
                {
                    return kind switch
                    {
                        BinaryOperatorKind.Multiply => Scale(left.Span, right.Real),
                        BinaryOperatorKind.Divide when right.Real != 0 => Scale(left.Span, 1 / right.Real),
                        _ => Constant.Unknown,
                    };
                }

                if (left.IsNumber && right.Kind == ConstantKind.TimeSpan && kind == BinaryOperatorKind.Multiply)
                {
                    return Scale(right.Span, left.Real);
                }
            }
            catch (OverflowException)
            {
                return Constant.Unknown;
            }

            return Constant.Unknown;
        }

        private static Constant Scale(TimeSpan span, double factor)
        {
            var ticks = span.Ticks * factor;
            return double.IsNaN(ticks) || ticks > long.MaxValue || ticks < long.MinValue
                ? Constant.Unknown
                : Constant.FromTimeSpan(TimeSpan.FromTicks((long)Math.Round(ticks)));
        }

        private static bool IsType(INamedTypeSymbol? type, string ns, string name) =>
            type is not null && type.Name == name && Namespaces.Is(type.ContainingNamespace, ns);
    }
}
