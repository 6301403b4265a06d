package dev.esm.core.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * What Avro's parser does not tell: where each annotation and each record declaration stands in
 * an {@code .avdl} file. A small lexer that skips comments and strings and pairs the annotations
 * that precede a {@code record} (or {@code error}) keyword with that declaration.
 */
public final class SourceIndex {

  /** An annotation {@code @name(value)} at a 1-based line and column. */
  public record Annotation(String name, int line, int column) {}

  /** A {@code record}, {@code error}, {@code enum} or {@code fixed} declaration with the annotations written before it. */
  public record Declaration(String keyword, String name, int line, int column, List<Annotation> annotations) {
    public Annotation annotation(String annotationName) {
      return annotations.stream().filter(a -> a.name().equals(annotationName)).findFirst().orElse(null);
    }

    /** Line and column where the first annotation starts, or the keyword when there is none. */
    public int startLine() {
      return annotations.isEmpty() ? line : annotations.get(0).line();
    }
  }

  /** A field of a record body, at the 1-based line and column of its name. */
  public record Field(String name, int line, int column) {}

  private final List<Declaration> declarations;
  private final List<Annotation> strayAnnotations;
  /** Where each declaration's name ends in the text, in the order of {@code declarations}. */
  private final int[] nameEnds;
  private final CharSequence text;
  private final int[] lineStarts;

  private SourceIndex(List<Declaration> declarations, List<Annotation> strayAnnotations, int[] nameEnds,
      CharSequence text, int[] lineStarts) {
    this.declarations = List.copyOf(declarations);
    this.strayAnnotations = List.copyOf(strayAnnotations);
    this.nameEnds = nameEnds;
    this.text = text;
    this.lineStarts = lineStarts;
  }

  /**
   * The fields of a record or error declared in this index, in the order written, each at its
   * name; empty for other declarations. Scanned only when asked: validating needs no field.
   */
  public List<Field> fields(Declaration declaration) {
    for (int i = 0; i < declarations.size(); i++) {
      if (declarations.get(i) == declaration) {
        boolean hasFields = declaration.keyword().equals("record") || declaration.keyword().equals("error");
        return hasFields ? new Scanner(text, lineStarts).scanFields(nameEnds[i]) : List.of();
      }
    }
    throw new IllegalArgumentException("not a declaration of this index: " + declaration.name());
  }

  public List<Declaration> declarations() {
    return declarations;
  }

  /** Annotations that precede something other than a record (a field, an enum, a protocol …). */
  public List<Annotation> strayAnnotations() {
    return strayAnnotations;
  }

  public List<Declaration> records() {
    return declarations.stream().filter(d -> d.keyword().equals("record")).toList();
  }

  public static SourceIndex of(CharSequence text) {
    return new Scanner(text).scan();
  }

  private static final class Scanner {
    private final CharSequence text;
    private int pos;
    /** Where each line starts; line and column are worked out only where something is recorded. */
    private final int[] lineStarts;

    private final List<Declaration> declarations = new ArrayList<>();
    private final List<Annotation> stray = new ArrayList<>();
    private List<Annotation> pending = new ArrayList<>();
    private String previousWord;
    private int keywordLine;

    private final List<Integer> nameEnds = new ArrayList<>();

    Scanner(CharSequence text, int[] lineStarts) {
      this.text = text;
      this.lineStarts = lineStarts;
    }

    Scanner(CharSequence text) {
      this.text = text;
      int lines = 1;
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          lines++;
        }
      }
      lineStarts = new int[lines];
      for (int i = 0, line = 1; i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          lineStarts[line++] = i + 1;
        }
      }
    }

    private int line() {
      int found = java.util.Arrays.binarySearch(lineStarts, pos);
      return (found >= 0 ? found : -found - 2) + 1;
    }

    private int column() {
      return pos - lineStarts[line() - 1] + 1;
    }

    SourceIndex scan() {
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (Character.isWhitespace(c)) {
          advance();
        } else if (c == '/' && peek(1) == '/') {
          while (pos < text.length() && text.charAt(pos) != '\n') {
            advance();
          }
        } else if (c == '/' && peek(1) == '*') {
          skipBlockComment();
        } else if (c == '"') {
          readString();
          otherToken();
        } else if (c == '@') {
          readAnnotation();
        } else if (c == '`' || Character.isJavaIdentifierStart(c)) {
          int startLine = line();
          int startColumn = column();
          String word = readWord();
          onWord(word, startLine, startColumn);
        } else {
          advance();
          otherToken();
        }
      }
      flushPending();
      return new SourceIndex(declarations, stray, nameEnds.stream().mapToInt(Integer::intValue).toArray(), text, lineStarts);
    }

    /**
     * The fields of the record body that follows {@code from}: in each statement at the body's
     * own depth, the variable names are the last word before {@code =}, {@code ,} or {@code ;};
     * what follows {@code =} is a default value, skipped. Nested brackets (a union's braces,
     * {@code array<…>}, {@code decimal(…)}, a JSON default) are not the body's depth.
     */
    List<Field> scanFields(int from) {
      pos = from;
      List<Field> fields = new ArrayList<>();
      int depth = 0;
      boolean inDefault = false;
      Field last = null;
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (Character.isWhitespace(c)) {
          advance();
        } else if (c == '/' && (peek(1) == '/' || peek(1) == '*')) {
          skipComment();
        } else if (c == '"') {
          readString();
        } else if (c == '@') {
          advance();
          while (pos < text.length() && isAnnotationNameChar(text.charAt(pos))) {
            advance();
          }
          skipBlanksAndComments();
          if (pos < text.length() && text.charAt(pos) == '(') {
            skipBalancedParentheses();
          }
        } else if (c == '`' || Character.isJavaIdentifierStart(c)) {
          int line = line();
          int column = column();
          String word = readWord();
          if (depth == 1 && !inDefault) {
            last = new Field(stripBackquotes(word), line, column);
          }
        } else {
          advance();
          if (c == '{' || c == '(' || c == '[' || c == '<') {
            depth++;
          } else if (c == '}' || c == ')' || c == ']' || c == '>') {
            if (--depth <= 0) {
              return fields;
            }
          } else if (depth == 1 && (c == '=' || c == ',' || c == ';')) {
            if (last != null && !inDefault) {
              fields.add(last);
            }
            last = null;
            inDefault = c == '=';
          }
        }
      }
      return fields;
    }

    private void skipComment() {
      if (peek(1) == '*') {
        skipBlockComment();
        return;
      }
      while (pos < text.length() && text.charAt(pos) != '\n') {
        advance();
      }
    }

    private void onWord(String word, int startLine, int startColumn) {
      if (DECLARING.contains(word) && previousWord == null) {
        previousWord = word;
        keywordLine = startLine;
        pendingKeywordColumn = startColumn;
        return;
      }
      if (previousWord != null) {
        declarations.add(new Declaration(previousWord, stripBackquotes(word), keywordLine, pendingKeywordColumn, pending));
        nameEnds.add(pos);
        pending = new ArrayList<>();
        previousWord = null;
        return;
      }
      otherToken();
    }

    private int pendingKeywordColumn;
    private static final java.util.Set<String> DECLARING = java.util.Set.of("record", "error", "enum", "fixed");

    private void otherToken() {
      previousWord = null;
      flushPending();
    }

    private void flushPending() {
      stray.addAll(pending);
      pending = new ArrayList<>();
    }

    private void readAnnotation() {
      int startLine = line();
      int startColumn = column();
      advance();
      int nameStart = pos;
      while (pos < text.length() && isAnnotationNameChar(text.charAt(pos))) {
        advance();
      }
      String name = text.subSequence(nameStart, pos).toString();
      skipBlanksAndComments();
      if (pos < text.length() && text.charAt(pos) == '(') {
        skipBalancedParentheses();
      }
      pending.add(new Annotation(name, startLine, startColumn));
    }

    private static boolean isAnnotationNameChar(char c) {
      return Character.isJavaIdentifierPart(c) || c == '-' || c == '.';
    }

    private void skipBalancedParentheses() {
      int depth = 0;
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c == '"') {
          readString();
          continue;
        }
        if (c == '/' && peek(1) == '*') {
          skipBlockComment();
          continue;
        }
        if (c == '/' && peek(1) == '/') {
          while (pos < text.length() && text.charAt(pos) != '\n') {
            advance();
          }
          continue;
        }
        advance();
        if (c == '(') {
          depth++;
        } else if (c == ')' && --depth == 0) {
          return;
        }
      }
    }

    private void skipBlanksAndComments() {
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (Character.isWhitespace(c)) {
          advance();
        } else if (c == '/' && peek(1) == '*') {
          skipBlockComment();
        } else if (c == '/' && peek(1) == '/') {
          while (pos < text.length() && text.charAt(pos) != '\n') {
            advance();
          }
        } else {
          return;
        }
      }
    }

    private void skipBlockComment() {
      advance();
      advance();
      while (pos < text.length() && !(text.charAt(pos) == '*' && peek(1) == '/')) {
        advance();
      }
      advance();
      advance();
    }

    private String readString() {
      advance();
      int start = pos;
      boolean escaped = false;
      while (pos < text.length() && text.charAt(pos) != '"') {
        escaped |= text.charAt(pos) == '\\';
        if (text.charAt(pos) == '\\') {
          advance();
        }
        advance();
      }
      String raw = text.subSequence(start, Math.min(pos, text.length())).toString();
      advance();
      return escaped ? raw.replaceAll("\\\\(.)", "$1") : raw;
    }

    private String readWord() {
      int start = pos;
      if (text.charAt(pos) == '`') {
        advance();
        while (pos < text.length() && text.charAt(pos) != '`') {
          advance();
        }
        advance();
      } else {
        while (pos < text.length() && (Character.isJavaIdentifierPart(text.charAt(pos)) || text.charAt(pos) == '.')) {
          advance();
        }
      }
      return text.subSequence(start, Math.min(pos, text.length())).toString();
    }

    private static String stripBackquotes(String word) {
      return word.startsWith("`") && word.endsWith("`") && word.length() >= 2 ? word.substring(1, word.length() - 1) : word;
    }

    private char peek(int ahead) {
      int index = pos + ahead;
      return index < text.length() ? text.charAt(index) : '\0';
    }

    private void advance() {
      if (pos < text.length()) {
        pos++;
      }
    }
  }
}
