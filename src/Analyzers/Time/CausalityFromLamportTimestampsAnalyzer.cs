using System.Collections.Generic;
using System.Collections.Immutable;
using DistAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DistAnalyzers.Time
{
    /// <summary>
    /// DIST103: a method that returns a causality verdict (a bool named like a verdict word, or an enum with a
    /// <c>Concurrent</c> member) computed by comparing single integer clock values.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class CausalityFromLamportTimestampsAnalyzer : DistAnalyzer
    {
        public static readonly RuleOption<WordList> VerdictMethodWords = RuleOptions.Words("verdict_method_words", "HappenedBefore, HappensBefore, CausallyPrecedes, IsConcurrent, ConcurrentWith, AreConcurrent");

        public static readonly RuleOption<WordList> ScalarClockWords = RuleOptions.Words("scalar_clock_words", "Lamport, LamportTime, LogicalTime, Clock, Timestamp");

        public static readonly RuleOption<WordList> ScalarClockTypeWords = RuleOptions.Words("scalar_clock_type_words", "LamportClock, LamportTimestamp");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.DIST103_CausalityFromLamportTimestamps);

        public override IEnumerable<RuleOption> Options { get; } = ImmutableArray.Create<RuleOption>(VerdictMethodWords, ScalarClockWords, ScalarClockTypeWords, RuleOptions.TestDoubleWords);

        private sealed class Settings
        {
            public Settings(WordList verdict, WordList clock, WordList clockType, WordList testDoubles)
            {
                Verdict = verdict;
                Clock = clock;
                ClockType = clockType;
                TestDoubles = testDoubles;
            }

            public WordList Verdict { get; }

            public WordList Clock { get; }

            public WordList ClockType { get; }

            public WordList TestDoubles { get; }
        }

        protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownSymbols symbols)
        {
            var options = new OptionsCache<Settings>(context.Options, DiagnosticIds.CausalityFromLamportTimestamps, reader => new Settings(
                reader.Get(VerdictMethodWords), reader.Get(ScalarClockWords), reader.Get(ScalarClockTypeWords), reader.Get(RuleOptions.TestDoubleWords)));
            var task = symbols.Get("System.Threading.Tasks.Task`1");
            var valueTask = symbols.Get("System.Threading.Tasks.ValueTask`1");

            // Every finding is a verdict method declared with its name (NameLocation): a bool method named like a
            // verdict_method_words entry of the file's settings, whose name is written in its declaration as one
            // identifier (explicit implementations are not Ordinary methods), or a method returning an enum with a
            // Concurrent member, whose symbol is asked only when the written return type may be an enum (MayReturnEnum).
            // Only those methods are walked, instead of every operation block.
            var gate = new TreeGate(this, (tree, _, anchors) => Consensus.TypeText.AddWrittenNames(anchors, options.Get(tree).Verdict));

            // Such an enum's name, or a using alias, is written in the method's declaration (its return type): only
            // those declarations are looked at, and none in a compilation that declares and references no type with a
            // Concurrent field (most: then no file is walked for enum verdicts).
            var enumNames = TypesWithField.NamesIn(context.Compilation, "Concurrent", context.CancellationToken);
            var aliases = new UsingAliases(context.Compilation);
            var enumGate = new TreeGate(this, (tree, _, anchors) =>
            {
                if (enumNames is null)
                {
                    anchors.AddEverywhere();
                    return;
                }

                if (enumNames.Length == 0)
                {
                    return; // no alias can name an enum that does not exist
                }

                foreach (var name in enumNames)
                {
                    anchors.AddWord(name);
                }

                aliases.AddTo(tree, anchors);
            });
            AnchoredOperations.RegisterBlocksInAnchoredMembers(
                context,
                this,
                gate,
                block => OnBlock(block, options, task, valueTask),
                (member, model, cancellationToken) => member is MethodDeclarationSyntax method && MayReturnEnum(method)
                    && DeclaredSymbols.Of(model, method, cancellationToken) is IMethodSymbol symbol && ReturnsConcurrentEnum(symbol, task, valueTask),
                enumGate);
        }

        /// <summary>
        /// Whether <paramref name="method"/>'s return type, as written, may be an enum (through <c>Task&lt;&gt;</c>,
        /// <c>ValueTask&lt;&gt;</c>, <c>Nullable&lt;&gt;</c>, <c>?</c> or <c>ref</c>): a name that may bind to one (an
        /// identifier, a qualified or alias-qualified name), never a keyword type, an array, a tuple, a pointer or another
        /// generic type (an alias is never generic), nor a simple name of a type parameter of the method or of the type
        /// that declares it (name look-up finds those first; an enclosing type's may be hidden by a member, so not those).
        /// </summary>
        private static bool MayReturnEnum(MethodDeclarationSyntax method)
        {
            var type = method.ReturnType;
            for (var depth = 0; depth < 8; depth++)
            {
                var name = type switch
                {
                    QualifiedNameSyntax qualified => qualified.Right,
                    AliasQualifiedNameSyntax aliased => aliased.Name,
                    _ => type,
                };
                switch (name)
                {
                    case NullableTypeSyntax nullable:
                        type = nullable.ElementType;
                        continue;
                    case RefTypeSyntax reference:
                        type = reference.Type;
                        continue;
                    case GenericNameSyntax generic
                        when generic.Identifier.ValueText is "Task" or "ValueTask" or "Nullable" && generic.TypeArgumentList.Arguments.Count == 1:
                        // The name first: reading the type arguments makes their list's node, and most generic return
                        // types are not tasks.
                        type = generic.TypeArgumentList.Arguments[0];
                        continue;
                    case IdentifierNameSyntax identifier when name == type:
                        var simple = identifier.Identifier.ValueText;
                        return !Declares(method.TypeParameterList, simple) && !(method.Parent is TypeDeclarationSyntax declaring && Declares(declaring.TypeParameterList, simple));
                    case IdentifierNameSyntax:
                        return true;
                    default:
                        return false;
                }
            }

            return true;
        }

        private static bool Declares(TypeParameterListSyntax? list, string name)
        {
            if (list is not null)
            {
                foreach (var parameter in list.Parameters)
                {
                    if (parameter.Identifier.ValueText == name)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static void OnBlock(OperationBlockSite context, OptionsCache<Settings> options, INamedTypeSymbol? task, INamedTypeSymbol? valueTask)
        {
            if (context.OwningSymbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary } method || context.OperationBlocks.IsEmpty)
            {
                return;
            }

            // IsVerdictMethod needs a bool (or Task/ValueTask of one) or an enum (or a nullable one): test the shape before reading options.
            if (!MayBeVerdictType(method, task, valueTask))
            {
                return;
            }

            var tree = context.OperationBlocks[0].Syntax.SyntaxTree;
            var settings = options.Get(tree);
            if (!IsVerdictMethod(method, settings, task, valueTask) || Contexts.IsInsideTestDouble(method, settings.TestDoubles))
            {
                return;
            }

            foreach (var block in context.OperationBlocks)
            {
                foreach (var op in block.DescendantsAndSelf())
                {
                    if (IsScalarClockComparison(op, settings))
                    {
                        var location = NameLocation(block.Syntax);
                        if (location is not null)
                        {
                            context.ReportDiagnostic(Diagnostic.Create(Descriptors.DIST103_CausalityFromLamportTimestamps, location, method.Name));
                        }

                        return;
                    }
                }
            }
        }

        private static Location? NameLocation(SyntaxNode body)
        {
            for (var node = body; node is not null; node = node.Parent)
            {
                if (node is MethodDeclarationSyntax declaration)
                {
                    return declaration.Identifier.GetLocation();
                }

                if (node is TypeDeclarationSyntax)
                {
                    return null;
                }
            }

            return null;
        }

        /// <summary>A necessary condition for <see cref="IsVerdictMethod"/> on the return type alone.</summary>
        private static bool MayBeVerdictType(IMethodSymbol method, INamedTypeSymbol? task, INamedTypeSymbol? valueTask)
        {
            var returned = method.ReturnType;
            switch (returned.SpecialType)
            {
                case SpecialType.System_Boolean:
                    return true;
                case SpecialType.System_Void:
                case SpecialType.System_String:
                case SpecialType.System_Int32:
                case SpecialType.System_Int64:
                case SpecialType.System_Object:
                case SpecialType.System_Decimal:
                case SpecialType.System_Double:
                    return false;
            }

            if (returned is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } generic
                && (SymbolEqualityComparer.Default.Equals(generic.OriginalDefinition, task) || SymbolEqualityComparer.Default.Equals(generic.OriginalDefinition, valueTask)))
            {
                returned = generic.TypeArguments[0];
            }

            if (returned.SpecialType == SpecialType.System_Boolean)
            {
                return true;
            }

            if (returned is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments.Length: 1 } nullable)
            {
                returned = nullable.TypeArguments[0];
            }

            return returned.TypeKind == TypeKind.Enum;
        }

        private static bool IsVerdictMethod(IMethodSymbol method, Settings settings, INamedTypeSymbol? task, INamedTypeSymbol? valueTask) =>
            Awaited(method.ReturnType, task, valueTask).SpecialType == SpecialType.System_Boolean
                ? settings.Verdict.Matches(method.Name, WordMatch.NamedLike)
                : ReturnsConcurrentEnum(method, task, valueTask);

        /// <summary>Whether <paramref name="method"/> returns (maybe through a task, maybe nullable) an enum with a <c>Concurrent</c> member.</summary>
        private static bool ReturnsConcurrentEnum(IMethodSymbol method, INamedTypeSymbol? task, INamedTypeSymbol? valueTask)
        {
            var returned = Awaited(method.ReturnType, task, valueTask);
            if (returned is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments.Length: 1 } nullable)
            {
                returned = nullable.TypeArguments[0];
            }

            return VectorClockTotalOrderAnalyzer.HasConcurrentMember(returned);
        }

        /// <summary>The result type of a <c>Task&lt;T&gt;</c> or <c>ValueTask&lt;T&gt;</c>, or <paramref name="returned"/> itself.</summary>
        private static ITypeSymbol Awaited(ITypeSymbol returned, INamedTypeSymbol? task, INamedTypeSymbol? valueTask) =>
            returned is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } generic
            && (SymbolEqualityComparer.Default.Equals(generic.OriginalDefinition, task) || SymbolEqualityComparer.Default.Equals(generic.OriginalDefinition, valueTask))
                ? generic.TypeArguments[0]
                : returned;

        /// <summary>A comparison (relational, equality, <c>CompareTo</c>, <c>Equals</c>) of two scalar clock values, directly or through locals.</summary>
        private static bool IsScalarClockComparison(IOperation op, Settings settings)
        {
            switch (op)
            {
                case IBinaryOperation binary when IsComparison(binary.OperatorKind):
                    return Compares(binary.LeftOperand, binary.RightOperand, settings);
                case IInvocationOperation { TargetMethod.Name: "CompareTo" or "Equals", Instance: { } instance, Arguments.Length: 1 } invocation:
                    return Compares(instance, invocation.Arguments[0].Value, settings);
                default:
                    return false;
            }
        }

        private static bool Compares(IOperation left, IOperation right, Settings settings)
        {
            if (left.ConstantValue.HasValue || right.ConstantValue.HasValue
                || LocalFlow.Unwrap(left).ConstantValue.HasValue || LocalFlow.Unwrap(right).ConstantValue.HasValue)
            {
                return false;
            }

            return LocalFlow.Traces(left, o => IsScalarClock(o, settings)) && LocalFlow.Traces(right, o => IsScalarClock(o, settings));
        }

        private static bool IsComparison(BinaryOperatorKind kind)
        {
            switch (kind)
            {
                case BinaryOperatorKind.LessThan:
                case BinaryOperatorKind.LessThanOrEqual:
                case BinaryOperatorKind.GreaterThan:
                case BinaryOperatorKind.GreaterThanOrEqual:
                case BinaryOperatorKind.Equals:
                case BinaryOperatorKind.NotEquals:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// A single integer clock value: an integer member or parameter whose name carries a <c>scalar_clock_words</c>
        /// word; a value of a <c>scalar_clock_type_words</c> type that holds one integer; or that integer read off one.
        /// </summary>
        private static bool IsScalarClock(IOperation op, Settings settings)
        {
            switch (op)
            {
                case IParameterReferenceOperation parameter:
                    return (VectorClocks.IsInteger(parameter.Type) && settings.Clock.CarriedBy(parameter.Parameter.Name))
                        || IsScalarClockType(parameter.Type, settings);
                case IFieldReferenceOperation field:
                    return IsClockMember(field.Field.Name, field.Type, field.Instance, settings);
                case IPropertyReferenceOperation { Property.IsIndexer: false } property:
                    return IsClockMember(property.Property.Name, property.Type, property.Instance, settings);
                case ILocalReferenceOperation local:
                    // The local itself is traced by LocalFlow; a clock-typed local is a clock value.
                    return IsScalarClockType(local.Type, settings);
                case IInstanceReferenceOperation instance:
                    return IsScalarClockType(instance.Type, settings);
                default:
                    return false;
            }
        }

        private static bool IsClockMember(string name, ITypeSymbol? type, IOperation? instance, Settings settings)
        {
            if (VectorClocks.IsInteger(type))
            {
                return settings.Clock.CarriedBy(name) || (instance is not null && IsScalarClockType(instance.Type, settings));
            }

            return IsScalarClockType(type, settings);
        }

        /// <summary>A type whose name carries a <c>scalar_clock_type_words</c> word and that holds exactly one integer (and nothing else).</summary>
        private static bool IsScalarClockType(ITypeSymbol? type, Settings settings)
        {
            if (type is not INamedTypeSymbol named || (named.TypeKind != TypeKind.Class && named.TypeKind != TypeKind.Struct)
                || !settings.ClockType.CarriedBy(named.Name))
            {
                return false;
            }

            var integers = 0;
            foreach (var member in named.GetMembers())
            {
                if (member is IFieldSymbol { IsStatic: false, IsConst: false } field)
                {
                    if (!VectorClocks.IsInteger(field.Type))
                    {
                        return false;
                    }

                    integers++;
                }
            }

            return integers == 1;
        }
    }
}
