package io.modomodo.trainer.launch.kubernetes;

/** A Job template that is missing, unreadable, not a Job, or holds an unknown placeholder; the message says which. */
public class JobTemplateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JobTemplateException(String message) {
        super(message);
    }
}
