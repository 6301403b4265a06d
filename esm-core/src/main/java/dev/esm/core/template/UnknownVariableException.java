package dev.esm.core.template;

/** A template names a variable that does not exist. */
public final class UnknownVariableException extends RuntimeException {
  private final String variable;
  private final String template;

  public UnknownVariableException(String variable, String template) {
    super("unknown variable ${" + variable + "} in \"" + template + "\"");
    this.variable = variable;
    this.template = template;
  }

  public String variable() {
    return variable;
  }

  public String template() {
    return template;
  }
}
