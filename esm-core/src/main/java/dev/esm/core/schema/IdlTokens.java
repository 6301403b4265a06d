package dev.esm.core.schema;

import dev.esm.core.diagnostic.Diagnostic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.apache.avro.idl.IdlLexer;
import org.apache.commons.text.StringEscapeUtils;

/**
 * A first pass over an {@code .avdl} file with Avro's own lexer, before Avro's reader sees it:
 * lexer errors become diagnostics (Avro's reader would only print them and carry on), and the
 * {@code import} statements are taken out so that ESM, not Avro, resolves and reads them.
 */
final class IdlTokens {

  /** At most this many lexer errors are reported per file; lexing stops after. */
  static final int MAX_LEXER_ERRORS = 20;

  /** One {@code import idl|protocol|schema "location";} at the line and 1-based column of {@code import}. */
  record Import(String type, String location, int line, int column) {}

  private final List<Diagnostic> lexerErrors;
  private final List<Import> imports;
  private final String withoutImports;

  private IdlTokens(List<Diagnostic> lexerErrors, List<Import> imports, String withoutImports) {
    this.lexerErrors = lexerErrors;
    this.imports = imports;
    this.withoutImports = withoutImports;
  }

  static IdlTokens of(Path file, String text) {
    List<Diagnostic> errors = new ArrayList<>();
    IdlLexer lexer = new IdlLexer(CharStreams.fromString(text));
    lexer.removeErrorListeners();
    lexer.addErrorListener(new BaseErrorListener() {
      @Override
      public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
          String msg, RecognitionException e) {
        if (errors.size() == MAX_LEXER_ERRORS) {
          errors.add(Diagnostic.error(file, line, charPositionInLine + 1,
              "more unreadable characters follow; ESM stops after " + MAX_LEXER_ERRORS));
          throw new TooManyErrors();
        }
        errors.add(Diagnostic.error(file, line, charPositionInLine + 1, describe(msg)));
      }
    });
    List<Token> tokens = new ArrayList<>();
    try {
      for (Token token = lexer.nextToken(); token.getType() != Token.EOF; token = lexer.nextToken()) {
        if (token.getChannel() == Token.DEFAULT_CHANNEL) {
          tokens.add(token);
        }
      }
    } catch (TooManyErrors e) {
      // Enough said about this file.
    }
    if (!errors.isEmpty()) {
      return new IdlTokens(List.copyOf(errors), List.of(), text);
    }
    List<Import> imports = new ArrayList<>();
    StringBuilder blanked = null;
    for (int i = 0; i + 3 < tokens.size(); i++) {
      Token keyword = tokens.get(i);
      Token type = tokens.get(i + 1);
      Token location = tokens.get(i + 2);
      Token end = tokens.get(i + 3);
      if (keyword.getType() == IdlLexer.Import && isImportType(type.getType())
          && location.getType() == IdlLexer.StringLiteral && end.getType() == IdlLexer.Semicolon) {
        imports.add(new Import(type.getText(), unquote(location.getText()), keyword.getLine(),
            keyword.getCharPositionInLine() + 1));
        if (blanked == null) {
          blanked = new StringBuilder(text);
        }
        for (int at = keyword.getStartIndex(); at <= end.getStopIndex(); at++) {
          char c = blanked.charAt(at);
          if (c != '\n' && c != '\r') {
            blanked.setCharAt(at, ' ');
          }
        }
        i += 3;
      }
    }
    return new IdlTokens(List.of(), List.copyOf(imports), blanked == null ? text : blanked.toString());
  }

  List<Diagnostic> lexerErrors() {
    return lexerErrors;
  }

  List<Import> imports() {
    return imports;
  }

  /** The text with every import statement replaced by spaces: lines and columns stay where they were. */
  String withoutImports() {
    return withoutImports;
  }

  private static boolean isImportType(int type) {
    return type == IdlLexer.IDL || type == IdlLexer.Protocol || type == IdlLexer.Schema;
  }

  private static String unquote(String literal) {
    return StringEscapeUtils.unescapeJava(literal.substring(1, literal.length() - 1));
  }

  /** ANTLR's "token recognition error at: '…'" with what it quotes kept short. */
  private static String describe(String antlrMessage) {
    String quoted = antlrMessage.replaceFirst("^token recognition error at: ", "");
    if (quoted.length() > 24) {
      quoted = quoted.substring(0, 20) + "…'";
    }
    return "syntax error: unexpected character " + quoted.replace("\n", "\\n").replace("\r", "\\r");
  }

  private static final class TooManyErrors extends RuntimeException {
    TooManyErrors() {
      super(null, null, false, false);
    }
  }
}
