package com.acme.refunds;

import com.acme.events.new$.RefundIssued;

public class RefundDesk {
  Object refund(String id) {
    return RefundIssued.newBuilder().setId(id).build();
  }
}
