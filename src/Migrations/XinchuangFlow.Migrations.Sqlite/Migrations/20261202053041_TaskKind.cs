using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinchuangFlow.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TaskKind : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TaskKind",
                table: "xf_tasks",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_xf_tasks_Status_TaskKind",
                table: "xf_tasks",
                columns: new[] { "Status", "TaskKind" });

            // Tasks written before kinds existed get the kind their shipped step now declares.
            XinchuangFlow.Infrastructure.Persistence.Backfills.TaskKindBackfill.Apply(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_xf_tasks_Status_TaskKind",
                table: "xf_tasks");

            migrationBuilder.DropColumn(
                name: "TaskKind",
                table: "xf_tasks");
        }
    }
}
