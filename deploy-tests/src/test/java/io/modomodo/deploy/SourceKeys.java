package io.modomodo.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreeScanner;

/**
 * The configuration keys a module's Java sources read, found by parsing them (no compilation, so this needs
 * no classes): the components of {@code @ConfigurationProperties} records, walked through nested records,
 * lists and maps; {@code @Value("${key}")} placeholders; {@code @ConditionalOnProperty} names.
 */
final class SourceKeys {

    private static final Set<String> LISTS = Set.of("List", "Set", "Collection", "SortedSet");
    private static final Set<String> MAPS = Set.of("Map", "SortedMap", "LinkedHashMap", "TreeMap");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9.\\-\\[\\]]+)[:}]");

    private SourceKeys() {
    }

    static void collect(List<Path> sources, ReadableKeys keys) {
        if (sources.isEmpty()) {
            return;
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Map<String, ClassTree> records = new HashMap<>();
        List<Runnable> roots = new ArrayList<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            JavacTask task = (JavacTask) javac.getTask(null, files, null, List.of("-proc:none"), null,
                    files.getJavaFileObjectsFromPaths(sources));
            for (CompilationUnitTree unit : task.parse()) {
                unit.accept(new TreeScanner<Void, Void>() {
                    @Override
                    public Void visitClass(ClassTree type, Void unused) {
                        if (type.getKind() == Tree.Kind.RECORD) {
                            records.put(type.getSimpleName().toString(), type);
                        }
                        for (AnnotationTree annotation : type.getModifiers().getAnnotations()) {
                            if (named(annotation, "ConfigurationProperties")) {
                                String prefix = firstString(annotation, "prefix", "value");
                                roots.add(() -> walk(ReadableKeys.dottedSegments(prefix), type, records, keys, 0));
                            }
                        }
                        return super.visitClass(type, unused);
                    }

                    @Override
                    public Void visitAnnotation(AnnotationTree annotation, Void unused) {
                        if (named(annotation, "Value")) {
                            for (String text : strings(annotation, "value")) {
                                Matcher matcher = PLACEHOLDER.matcher(text);
                                while (matcher.find()) {
                                    keys.addDotted(matcher.group(1));
                                }
                            }
                        }
                        else if (named(annotation, "ConditionalOnProperty")) {
                            String prefix = firstString(annotation, "prefix");
                            for (String name : strings(annotation, "name", "value")) {
                                keys.addDotted(prefix == null || prefix.isEmpty() ? name : prefix + "." + name);
                            }
                        }
                        return super.visitAnnotation(annotation, unused);
                    }
                }, null);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        roots.forEach(Runnable::run);
    }

    private static void walk(List<String> prefix, ClassTree type, Map<String, ClassTree> records, ReadableKeys keys,
            int depth) {
        if (depth > 10) {
            return;
        }
        for (Tree member : type.getMembers()) {
            // A record's only instance fields are its components (a record body may declare static fields only).
            if (member instanceof VariableTree field && !field.getModifiers().getFlags().contains(Modifier.STATIC)) {
                List<String> key = new ArrayList<>(prefix);
                key.add(kebab(field.getName().toString()));
                type(key, field.getType(), records, keys, depth);
            }
        }
    }

    private static void type(List<String> key, Tree type, Map<String, ClassTree> records, ReadableKeys keys,
            int depth) {
        if (type instanceof ParameterizedTypeTree parameterized) {
            String base = simpleName(parameterized.getType());
            List<? extends Tree> arguments = parameterized.getTypeArguments();
            if (LISTS.contains(base) && arguments.size() == 1) {
                type(append(key, ReadableKeys.INDEX), arguments.get(0), records, keys, depth);
                return;
            }
            if (MAPS.contains(base) && arguments.size() == 2) {
                type(append(key, ReadableKeys.MAP_KEY), arguments.get(1), records, keys, depth);
                return;
            }
            if (base.equals("Optional") && arguments.size() == 1) {
                type(key, arguments.get(0), records, keys, depth);
                return;
            }
        }
        if (type instanceof ArrayTypeTree array) {
            type(append(key, ReadableKeys.INDEX), array.getType(), records, keys, depth);
            return;
        }
        ClassTree record = records.get(simpleName(type));
        if (record != null) {
            walk(key, record, records, keys, depth + 1);
        }
        else {
            keys.add(key);
        }
    }

    private static List<String> append(List<String> key, String segment) {
        List<String> longer = new ArrayList<>(key);
        longer.add(segment);
        return longer;
    }

    private static String simpleName(Tree type) {
        if (type instanceof IdentifierTree identifier) {
            return identifier.getName().toString();
        }
        if (type instanceof MemberSelectTree select) {
            return select.getIdentifier().toString();
        }
        if (type instanceof ParameterizedTypeTree parameterized) {
            return simpleName(parameterized.getType());
        }
        return type.toString();
    }

    private static boolean named(AnnotationTree annotation, String name) {
        return simpleName(annotation.getAnnotationType()).equals(name);
    }

    private static String firstString(AnnotationTree annotation, String... names) {
        List<String> values = strings(annotation, names);
        return values.isEmpty() ? null : values.get(0);
    }

    /** The string values of the named attributes ({@code value} also when the attribute is unnamed). */
    private static List<String> strings(AnnotationTree annotation, String... names) {
        List<String> values = new ArrayList<>();
        for (ExpressionTree argument : annotation.getArguments()) {
            String attribute = "value";
            ExpressionTree value = argument;
            if (argument instanceof AssignmentTree assignment) {
                attribute = assignment.getVariable().toString();
                value = assignment.getExpression();
            }
            if (List.of(names).contains(attribute)) {
                addStrings(value, values);
            }
        }
        return values;
    }

    private static void addStrings(ExpressionTree value, List<String> values) {
        if (value instanceof LiteralTree literal && literal.getValue() instanceof String text) {
            values.add(text);
        }
        else if (value instanceof NewArrayTree array && array.getInitializers() != null) {
            array.getInitializers().forEach(item -> addStrings(item, values));
        }
    }

    /** {@code checkpointDir} → {@code checkpoint-dir}, the form a key takes in YAML. */
    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
