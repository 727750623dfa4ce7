package com.example.consumer;

/** The replicated command: add {@code amount} to the counter. */
public record Add(long amount) {
}
