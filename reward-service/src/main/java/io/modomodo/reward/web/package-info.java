/** HTTP edge of the reward-service: controller, body-size limit, problem details. */
package io.modomodo.reward.web;
