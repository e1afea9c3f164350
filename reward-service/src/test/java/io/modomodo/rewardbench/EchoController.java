package io.modomodo.rewardbench;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The baseline of the load benchmark: returns the request body unchanged, through the same server,
 * filters and converters as {@code /score}. Lives only in the benchmark sources, outside the service's
 * component scan; the benchmark registers it explicitly.
 */
@RestController
public class EchoController {

    @PostMapping(path = "/api/v1/bench/echo", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    byte[] echo(@RequestBody byte[] body) {
        return body;
    }
}
