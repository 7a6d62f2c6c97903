package io.foldersync.survey;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Predicate;

/** The elements of an iterator that pass a test, taken one at a time (a survey's third list, screened). */
public final class Filtered<T> implements Iterator<T> {

    private final Iterator<T> source;

    private final Predicate<T> keep;

    private T next;

    private Filtered(Iterator<T> source, Predicate<T> keep) {
        this.source = source;
        this.keep = keep;
    }

    public static <T> Iterator<T> of(Iterator<T> source, Predicate<T> keep) {
        return new Filtered<>(source, keep);
    }

    @Override
    public boolean hasNext() {
        while (next == null && source.hasNext()) {
            T candidate = source.next();
            if (keep.test(candidate)) {
                next = candidate;
            }
        }
        return next != null;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T taken = next;
        next = null;
        return taken;
    }
}
