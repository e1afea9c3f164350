package io.modomodo.rewards.math;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive descent over a cleaned expression. Depth and node count are capped, so the work is
 * bounded by the (already capped) input length whatever the input.
 */
final class Parser {

    static final int MAX_DEPTH = 120;
    static final int MAX_NODES = 600;
    static final int MAX_VARIABLES = 12;

    private static final String[] FUNCTIONS = {"arcsin", "arccos", "arctan", "sqrt", "sin", "cos", "tan", "cot",
        "sec", "csc", "exp", "log", "ln"};
    private static final String[] GREEK = {"alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta",
        "theta", "vartheta", "iota", "kappa", "lambda", "mu", "nu", "xi", "rho", "sigma", "tau", "upsilon", "phi",
        "varphi", "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Sigma", "Phi", "Psi", "Omega"};

    /** Thrown to abandon a parse; carries no stack trace, so refusing hostile input is cheap. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure() {
            super(null, null, false, false);
        }
    }

    private static final Failure FAIL = new Failure();

    private final String s;
    private final int end;
    private int pos;
    private int depth;
    private int nodes;
    final List<String> names = new ArrayList<>();
    /** Whether the expression names infinity: only then is an infinite value an answer, not an overflow. */
    boolean infinity;

    Parser(String s, int from, int to) {
        this.s = s;
        this.pos = from;
        this.end = to;
    }

    /** Parses the whole range; throws {@link Failure} when it is not one expression. */
    Expr parseAll() {
        Expr e = expr();
        skipWs();
        if (pos != end) {
            throw FAIL;
        }
        return e;
    }

    private Expr expr() {
        enter();
        Expr left = term();
        while (true) {
            skipWs();
            if (pos >= end) {
                break;
            }
            char c = s.charAt(pos);
            if (c == '+') {
                pos++;
                left = node(new Expr.Binary('+', left, term()));
            }
            else if (c == '-') {
                pos++;
                left = node(new Expr.Binary('-', left, term()));
            }
            else {
                break;
            }
        }
        depth--;
        return left;
    }

    private Expr term() {
        enter();
        Expr left = unary();
        while (true) {
            skipWs();
            if (pos >= end) {
                break;
            }
            char c = s.charAt(pos);
            if (c == '*' && !(pos + 1 < end && s.charAt(pos + 1) == '*')) {
                pos++;
                left = node(new Expr.Binary('*', left, unary()));
            }
            else if (c == '/') {
                pos++;
                left = node(new Expr.Binary('/', left, unary()));
            }
            else if (command("cdot") || command("times")) {
                left = node(new Expr.Binary('*', left, unary()));
            }
            else if (command("div")) {
                left = node(new Expr.Binary('/', left, unary()));
            }
            else if (startsPrimary(c) && !isDigit(c)) {
                // implicit product: 2\sqrt{2}, 9\pi, 2x, (x+1)(x-1); never two numbers side by side ("1 2")
                left = node(new Expr.Binary('*', left, power()));
            }
            else {
                break;
            }
        }
        depth--;
        return left;
    }

    private Expr unary() {
        skipWs();
        if (pos < end && (s.charAt(pos) == '-' || s.charAt(pos) == '+')) {
            boolean negative = s.charAt(pos) == '-';
            pos++;
            enter();
            Expr e = unary();
            depth--;
            return negative ? node(new Expr.Neg(e)) : e;
        }
        return power();
    }

    private Expr power() {
        enter();
        Expr base = primary();
        skipWs();
        if (pos < end && (s.charAt(pos) == '^' || (s.charAt(pos) == '*' && pos + 1 < end && s.charAt(pos + 1) == '*'))) {
            pos += s.charAt(pos) == '^' ? 1 : 2;
            skipWs();
            Expr exponent = pos < end && s.charAt(pos) == '{' ? group() : unary();
            base = node(new Expr.Binary('^', base, exponent));
        }
        depth--;
        return base;
    }

    private Expr primary() {
        skipWs();
        if (pos >= end) {
            throw FAIL;
        }
        char c = s.charAt(pos);
        if (isDigit(c) || c == '.') {
            return number();
        }
        if (c == '(' || c == '[' || c == '{') {
            char close = c == '(' ? ')' : (c == '[' ? ']' : '}');
            pos++;
            Expr e = expr();
            expect(close);
            return e;
        }
        if (c == '|') {
            pos++;
            Expr e = expr();
            expect('|');
            return node(new Expr.Func("abs", e));
        }
        if (c == 'π') {
            pos++;
            return node(new Expr.Const(Math.PI));
        }
        if (c == '∞') {
            pos++;
            infinity = true;
            return node(new Expr.Const(Double.POSITIVE_INFINITY));
        }
        if (c == '\\') {
            return commandPrimary();
        }
        if (isLetter(c)) {
            return word();
        }
        throw FAIL;
    }

    private Expr commandPrimary() {
        int start = ++pos;
        while (pos < end && isLetter(s.charAt(pos))) {
            pos++;
        }
        String name = s.substring(start, pos);
        switch (name) {
            case "frac" -> {
                Expr numerator = group();
                Expr denominator = group();
                return node(new Expr.Binary('/', numerator, denominator));
            }
            case "sqrt" -> {
                skipWs();
                if (pos < end && s.charAt(pos) == '[') {
                    pos++;
                    Expr degree = expr();
                    expect(']');
                    return node(new Expr.Root(degree, group()));
                }
                return node(new Expr.Func("sqrt", group()));
            }
            case "pi" -> {
                return node(new Expr.Const(Math.PI));
            }
            case "infty" -> {
                infinity = true;
                return node(new Expr.Const(Double.POSITIVE_INFINITY));
            }
            default -> {
                for (String function : FUNCTIONS) {
                    if (function.equals(name)) {
                        return function(function);
                    }
                }
                for (String greek : GREEK) {
                    if (greek.equals(name)) {
                        return variable("\\" + name);
                    }
                }
                throw FAIL;
            }
        }
    }

    /** A plain-text word: a function or constant name, else a one-letter variable (implicit products follow). */
    private Expr word() {
        for (String function : FUNCTIONS) {
            if (s.startsWith(function, pos) && !(pos + function.length() < end
                    && isLetter(s.charAt(pos + function.length())))) {
                pos += function.length();
                return function(function);
            }
        }
        if (s.startsWith("pi", pos) && !(pos + 2 < end && isLetter(s.charAt(pos + 2)))) {
            pos += 2;
            return node(new Expr.Const(Math.PI));
        }
        char c = s.charAt(pos++);
        if (pos < end && s.charAt(pos) == '_') {
            int subscriptStart = ++pos;
            if (pos < end && s.charAt(pos) == '{') {
                int close = s.indexOf('}', pos);
                if (close < 0 || close > end || close - pos > 16) {
                    throw FAIL;
                }
                pos = close + 1;
            }
            else if (pos < end && (isLetter(s.charAt(pos)) || isDigit(s.charAt(pos)))) {
                pos++;
            }
            else {
                throw FAIL;
            }
            return variable(c + "_" + s.substring(subscriptStart, pos).replace("{", "").replace("}", ""));
        }
        if (c == 'e') {
            return node(new Expr.Const(Math.E));
        }
        return variable(String.valueOf(c));
    }

    /**
     * A function application after its name: {@code \sin x}, {@code \sin 2x} (= sin(2x)), {@code \sin^2 x}
     * (= (sin x)²), {@code \sin^{-1} x} (= arcsin x), {@code \log(x)}.
     */
    private Expr function(String name) {
        skipWs();
        Expr exponent = null;
        if (pos < end && s.charAt(pos) == '^') {
            pos++;
            exponent = group();
        }
        String applied = name;
        if (exponent instanceof Expr.Neg neg && neg.e instanceof Expr.Const c && c.value == 1
                && (name.equals("sin") || name.equals("cos") || name.equals("tan"))) {
            applied = "arc" + name;
            exponent = null;
        }
        Expr result = node(new Expr.Func(applied, argument()));
        return exponent == null ? result : node(new Expr.Binary('^', result, exponent));
    }

    /**
     * A function's argument: a bracketed group, or without brackets a number or name followed by the
     * names it multiplies ({@code \sin 2x}, {@code \cos \pi t}), up to an operator or the next function.
     */
    private Expr argument() {
        skipWs();
        if (pos < end && (s.charAt(pos) == '(' || s.charAt(pos) == '{')) {
            return primary();
        }
        Expr e = power();
        while (true) {
            skipWs();
            if (pos >= end || !continuesArgument()) {
                return e;
            }
            e = node(new Expr.Binary('*', e, power()));
        }
    }

    /** Whether a name (a letter, {@code \pi}, a Greek letter), not a function, starts at {@code pos}. */
    private boolean continuesArgument() {
        char c = s.charAt(pos);
        if (c == 'π') {
            return true;
        }
        if (isLetter(c)) {
            for (String function : FUNCTIONS) {
                if (s.startsWith(function, pos)) {
                    return false;
                }
            }
            return true;
        }
        if (c != '\\') {
            return false;
        }
        int from = pos + 1;
        int to = from;
        while (to < end && isLetter(s.charAt(to))) {
            to++;
        }
        String name = s.substring(from, to);
        if (name.equals("pi")) {
            return true;
        }
        for (String greek : GREEK) {
            if (greek.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** A {@code {…}} group, or a single digit or letter as LaTeX allows ({@code \frac12}). */
    private Expr group() {
        skipWs();
        if (pos >= end) {
            throw FAIL;
        }
        char c = s.charAt(pos);
        if (c == '{' || c == '(') {
            pos++;
            Expr e = expr();
            expect(c == '{' ? '}' : ')');
            return e;
        }
        if (isDigit(c)) {
            pos++;
            return node(new Expr.Const(c - '0'));
        }
        if (isLetter(c)) {
            pos++;
            return c == 'e' ? node(new Expr.Const(Math.E)) : variable(String.valueOf(c));
        }
        if (c == '\\') {
            return primary();
        }
        throw FAIL;
    }

    private Expr number() {
        int start = pos;
        while (pos < end && isDigit(s.charAt(pos))) {
            pos++;
        }
        if (pos < end && s.charAt(pos) == '.') {
            pos++;
            while (pos < end && isDigit(s.charAt(pos))) {
                pos++;
            }
        }
        int length = pos - start;
        if (length == 0 || length > 400 || (length == 1 && s.charAt(start) == '.')) {
            throw FAIL;
        }
        // 1e-3, 2.5E6 as programs print floats (not 1·e − 3): an exponent of at most 3 digits, no letter after
        if (pos < end && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            int q = pos + 1;
            if (q < end && (s.charAt(q) == '-' || s.charAt(q) == '+')) {
                q++;
            }
            int digits = q;
            while (q < end && isDigit(s.charAt(q)) && q - digits < 4) {
                q++;
            }
            if (q > digits && q - digits <= 3 && (q == end || !isLetter(s.charAt(q)) && !isDigit(s.charAt(q)))) {
                pos = q;
            }
        }
        return node(new Expr.Const(Double.parseDouble(s.substring(start, pos))));
    }

    private Expr variable(String name) {
        int index = names.indexOf(name);
        if (index < 0) {
            if (names.size() >= MAX_VARIABLES) {
                throw FAIL;
            }
            names.add(name);
            index = names.size() - 1;
        }
        return node(new Expr.Var(index));
    }

    private boolean startsPrimary(char c) {
        if (isDigit(c) || isLetter(c) || c == '(' || c == '[' || c == '{' || c == 'π' || c == '∞') {
            return true;
        }
        return c == '\\' && pos + 1 < end && isLetter(s.charAt(pos + 1));
    }

    /** Consumes {@code \name} when it is next (and not the prefix of a longer command). */
    private boolean command(String name) {
        if (pos < end && s.charAt(pos) == '\\' && s.startsWith(name, pos + 1)) {
            int after = pos + 1 + name.length();
            if (after <= end && (after == end || !isLetter(s.charAt(after)))) {
                pos = after;
                return true;
            }
        }
        return false;
    }

    private void expect(char c) {
        skipWs();
        if (pos >= end || s.charAt(pos) != c) {
            throw FAIL;
        }
        pos++;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw FAIL;
        }
    }

    private Expr node(Expr e) {
        if (++nodes > MAX_NODES) {
            throw FAIL;
        }
        return e;
    }

    private void skipWs() {
        while (pos < end && s.charAt(pos) == ' ') {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
