package io.github.openconnectors.emulator;

/**
 * One POST of an event to an instance's callback URL, as the emulator made it: for an application's
 * tests of its receiving endpoint.
 *
 * @param webhookId the {@code Elements-Webhook-Id} it carried, the same on a redelivery
 * @param eventId the event's id in the events API
 * @param instanceId the instance the event is of
 * @param attempt 1 for the first attempt, 2 and on for the retries of a failed one
 * @param status the callback's answer, or 0 when it could not be reached
 */
public record Delivery(
    String webhookId, String eventId, long instanceId, int attempt, int status) {}
