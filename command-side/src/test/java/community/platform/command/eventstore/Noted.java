package community.platform.command.eventstore;

import java.math.BigDecimal;

/** A test event: a note with an exact amount, to show numbers survive storage. */
record Noted(String noteId, String text, BigDecimal amount) {
}
