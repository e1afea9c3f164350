package io.modomodo.trainer.run;

/** The rollout- or reward-service stayed unreachable past the retry limit, or refused a request outright. */
public class ServiceUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
