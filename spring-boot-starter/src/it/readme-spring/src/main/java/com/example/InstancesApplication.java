package com.example;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The application of the guide's controller (docs/spring-boot.md). */
@SpringBootApplication
public class InstancesApplication {
  public static void main(String[] args) {
    SpringApplication.run(InstancesApplication.class, args);
  }
}
