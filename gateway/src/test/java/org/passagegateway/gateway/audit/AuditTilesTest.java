package org.passagegateway.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The tiles give the roots, audit paths and consistency proofs of the whole-log recursion, for any
 * tree size (past two levels of tiles, 65,536 leaves), whether they were written batch by batch as
 * the sequencer places leaves or all at once for a log that had none.
 */
class AuditTilesTest {

  private static final int LEAVES = 70_000;
  private static SingleConnectionDataSource database;
  private static JdbcTemplate jdbc;
  private static List<byte[]> leaves;
  private static MerkleLevels memory;

  // Both engines run this class (jqwik its property, Jupiter its tests): each sets the log up once.
  @BeforeContainer
  @org.junit.jupiter.api.BeforeAll
  static void log() {
    if (database != null) {
      return;
    }
    database = new SingleConnectionDataSource("jdbc:h2:mem:tiles;DB_CLOSE_DELAY=-1", true);
    jdbc = new JdbcTemplate(database);
    jdbc.execute("create table psg_audit_event (position bigint primary key, leaf_hash varchar(64))");
    jdbc.execute("create table psg_audit_tile (tile_level int, tile_index bigint, hash varchar(64),"
        + " primary key (tile_level, tile_index))");
    leaves = new ArrayList<>();
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < LEAVES; i++) {
      byte[] leaf = MerkleTree.leafHash(ByteBuffer.allocate(4).putInt(i).array());
      leaves.add(leaf);
      rows.add(new Object[] {(long) i, HexFormat.of().formatHex(leaf)});
    }
    jdbc.batchUpdate("insert into psg_audit_event (position, leaf_hash) values (?, ?)", rows);
    // Placed as the sequencer places them: batches of uneven sizes, tiles extended after each.
    AuditTiles tiles = new AuditTiles(jdbc);
    Random random = new Random(7);
    for (long placed = 0; placed < LEAVES; ) {
      long next = Math.min(LEAVES, placed + 1 + random.nextInt(3_000));
      tiles.extend(placed, next);
      placed = next;
    }
    memory = new MerkleLevels(leaves);
  }

  @AfterContainer
  @org.junit.jupiter.api.AfterAll
  static void close() {
    if (database != null) {
      jdbc.execute("drop all objects");
      database.destroy();
      database = null;
    }
  }

  @Property(tries = 200)
  void whenATreeIsReadFromTheTilesThenItsRootPathAndProofAreTheWholeLogs(
      @ForAll @IntRange(min = 1, max = LEAVES) int size, @ForAll @IntRange(min = 0, max = LEAVES - 1) int index,
      @ForAll @IntRange(min = 0, max = LEAVES) int first) {
    MerkleProofs tiled = new AuditTiles(jdbc).tree(size);
    MerkleLevels whole = new MerkleLevels(leaves.subList(0, size));
    int leaf = index % size;
    int m = first % (size + 1);

    assertThat(tiled.root()).isEqualTo(whole.root());
    assertThat(tiled.leaf(leaf)).isEqualTo(leaves.get(leaf));
    assertThat(tiled.inclusionProof(leaf)).containsExactlyElementsOf(whole.inclusionProof(leaf));
    assertThat(tiled.consistencyProof(m)).containsExactlyElementsOf(whole.consistencyProof(m));
  }

  @Test
  void whenTheLogHadNoTilesThenCompletingWritesTheSameTilesAsThePlacementDid() {
    List<String> placed = jdbc.queryForList("select tile_level || ':' || tile_index || ':' || hash from psg_audit_tile"
        + " order by tile_level, tile_index", String.class);
    jdbc.update("delete from psg_audit_tile");

    new AuditTiles(jdbc).complete(LEAVES);
    new AuditTiles(jdbc).complete(LEAVES);

    assertThat(jdbc.queryForList("select tile_level || ':' || tile_index || ':' || hash from psg_audit_tile"
        + " order by tile_level, tile_index", String.class)).isEqualTo(placed).hasSize(LEAVES / 256 + 1);
    assertThat(new AuditTiles(jdbc).tree(LEAVES).root()).isEqualTo(memory.root());
  }

  @Test
  void whenAProofIsMadeFromTheTilesThenItReadsAFewBlocksNotTheLog() {
    java.util.concurrent.atomic.AtomicInteger rowsRead = new java.util.concurrent.atomic.AtomicInteger();
    JdbcTemplate counting = new JdbcTemplate(database) {
      @Override
      public void query(String sql, org.springframework.jdbc.core.RowCallbackHandler handler, Object... args) {
        super.query(sql, (java.sql.ResultSet row) -> {
          rowsRead.incrementAndGet();
          handler.processRow(row);
        }, args);
      }
    };
    MerkleProofs tree = new AuditTiles(counting).tree(LEAVES - 1);

    tree.root();
    tree.inclusionProof(12_345);
    tree.consistencyProof(40_000);

    // Blocks of at most 256 rows: the leaf's, the right edge's, and those of the tiles above them.
    assertThat(rowsRead.get()).isLessThan(3_000);
  }
}
