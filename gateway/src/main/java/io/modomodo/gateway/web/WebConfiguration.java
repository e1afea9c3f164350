package io.modomodo.gateway.web;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.servlet.HandlerExceptionResolver;

import io.modomodo.api.problem.BodyLimitFilter;
import io.modomodo.api.problem.ProblemErrorReportValve;
import io.modomodo.gateway.config.GatewayLimits;

/** The gateway's own body limit and problem pages, answered by the shared problem handler. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    /** After the API-key check (an unknown caller learns nothing of the limits), before the route reads the body. */
    @Bean
    BodyLimitFilter bodyLimitFilter(GatewayLimits limits,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
        return new BodyLimitFilter(limits.maxBodyBytes(), resolver);
    }

    /** Requests Tomcat refuses before Spring sees them get a problem too, not an HTML page. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorPages() {
        return factory -> factory.addContextCustomizers(ProblemErrorReportValve::install);
    }
}
