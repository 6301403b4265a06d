package com.acme.orders;

import com.acme.events.orders.*;
import com.acme.legacy.*;

/** Two on-demand imports supply OrderShipped: javac calls it ambiguous, and so is it here. */
public class Ambiguous {
  Object ship() {
    return new OrderShipped();
  }
}
