package com.acme.shop;

import com.acme.events.common.ClientContext;
import com.acme.events.common.Platform;
import java.util.Map;

/** The client a request came from, as every event carries it. */
public record Clients(Platform platform, String appVersion, String locale, String userAgent, String country) {

  public ClientContext context() {
    return ClientContext.newBuilder()
        .setPlatform(platform)
        .setAppVersion(appVersion)
        .setLocale(locale)
        .setUserAgent(userAgent)
        .setCountry(country)
        .setExperiments(Map.of())
        .build();
  }
}
