using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinchuangFlow.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InterviewCase : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "InterviewInstanceId",
                table: "xf_assessment_results",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_xf_assessment_results_InterviewInstanceId",
                table: "xf_assessment_results",
                column: "InterviewInstanceId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_xf_assessment_results_InterviewInstanceId",
                table: "xf_assessment_results");

            migrationBuilder.DropColumn(
                name: "InterviewInstanceId",
                table: "xf_assessment_results");
        }
    }
}
