/** The catalog module as its tests see it: JUnit and Hamcrest read, the package open to reflection. */
open module com.example.catalog {
    exports com.example.catalog;

    requires junit;
    requires hamcrest.core;
}
