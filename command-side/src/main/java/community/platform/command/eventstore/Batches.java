package community.platform.command.eventstore;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** A lazy stream read from the store one query (batch) at a time. */
final class Batches {

    interface Source<C, T> {

        /** The batch at this cursor; an empty batch ends the stream. */
        List<T> fetch(C cursor);

        /** The cursor after a non-empty batch, or null when the batch was the last. */
        C next(C cursor, List<T> batch);
    }

    private Batches() {
    }

    static <C, T> Stream<T> stream(Source<C, T> source, C start) {
        Iterator<T> iterator = new Iterator<>() {
            private C cursor = start;
            private Iterator<T> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && cursor != null) {
                    List<T> batch = source.fetch(cursor);
                    cursor = batch.isEmpty() ? null : source.next(cursor, batch);
                    current = batch.iterator();
                }
                return current.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED), false);
    }
}
