package io.osmos.metrics.impl;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import io.osmos.api.metrics.Counter;

/** A counter whose updates never contend: a LongAdder. */
final class LongCounter implements Counter {

    private final String name;
    private final LongAdder count = new LongAdder();
    private final Consumer<LongCounter> onClose;

    LongCounter(String name, Consumer<LongCounter> onClose) {
        this.name = name;
        this.onClose = onClose;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void increment() {
        count.increment();
    }

    @Override
    public void add(long amount) {
        if (amount < 0) {
            throw new IllegalArgumentException("Counter '" + name + "' cannot go down by " + amount);
        }
        count.add(amount);
    }

    @Override
    public long value() {
        return count.sum();
    }

    @Override
    public void close() {
        onClose.accept(this);
    }
}
