/** The catalog's public model. */
module com.example.catalog {
    exports com.example.catalog;
}
