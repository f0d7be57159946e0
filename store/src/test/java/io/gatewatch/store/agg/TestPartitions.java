package io.gatewatch.store.agg;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * On-disk Lucene partitions laid out as the store lays them out (one index per partition, many
 * segments, searched together through a multi-reader), with documents the tests spell out.
 */
final class TestPartitions implements Closeable {
    /** One event: its keyword and IP values (any of them may be empty: the field is missing) and ports. */
    record Doc(List<String> ips, List<String> users, String code, List<Long> ports) {
        static Doc of(String ip, String user, String code) {
            return new Doc(ip == null ? List.of() : List.of(ip), user == null ? List.of() : List.of(user), code,
                    List.of());
        }
    }

    private final Path root;
    private final List<Directory> directories = new ArrayList<>();
    private final List<DirectoryReader> readers = new ArrayList<>();

    TestPartitions(Path root) {
        this.root = root;
    }

    /** Adds a partition whose segments hold these documents, one segment per list; returns its reader. */
    DirectoryReader add(List<List<Doc>> segments) throws IOException {
        Directory dir = FSDirectory.open(root.resolve("p" + directories.size()));
        directories.add(dir);
        IndexWriterConfig config = new IndexWriterConfig(new StandardAnalyzer())
                .setMergePolicy(NoMergePolicy.INSTANCE); // keep the segments apart, as a busy day has them
        try (IndexWriter writer = new IndexWriter(dir, config)) {
            for (List<Doc> segment : segments) {
                for (Doc d : segment) {
                    writer.addDocument(document(d));
                }
                writer.commit();
            }
        }
        DirectoryReader reader = DirectoryReader.open(dir);
        readers.add(reader);
        return reader;
    }

    /** A searcher over every partition, as the store builds one per search. */
    IndexSearcher searcher() throws IOException {
        return new IndexSearcher(new MultiReader(readers.toArray(new IndexReader[0]), false));
    }

    List<DirectoryReader> readers() {
        return readers;
    }

    private static Document document(Doc d) {
        Document doc = new Document();
        keyword(doc, "source.ip", d.ips());
        keyword(doc, "user.name", d.users());
        if (d.code() != null) {
            keyword(doc, "event.code", List.of(d.code()));
        }
        for (long port : d.ports()) {
            doc.add(new SortedNumericDocValuesField("source.port", port));
        }
        return doc;
    }

    private static void keyword(Document doc, String field, List<String> values) {
        for (String v : values) {
            doc.add(new StringField(field, v, Field.Store.NO));
            doc.add(new SortedSetDocValuesField(field, new BytesRef(v)));
        }
    }

    @Override
    public void close() throws IOException {
        for (DirectoryReader r : readers) {
            r.close();
        }
        for (Directory d : directories) {
            d.close();
        }
    }
}
